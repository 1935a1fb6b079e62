"use client";
import type { TListDevicesInput } from "@helpline/core";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/zoned-time";
import { HelpdeskStateBadge } from "@/modules/helpdesk/components/helpdesk-state-badge";
import type { DeviceSelection } from "../hooks/use-device-selection";
import type { DevicesPage } from "../hooks/use-devices-page";
import { CloneFlagLink } from "./clone-flag";

// Column priorities, so the table fits 1280×800: the hostname and the signed-in user wrap; customer
// and OS names keep to one line with the full text on hover; user, type and status are second lines.
const SECOND_LINE = "mt-0.5 block text-xs text-slate-500";

type SortKey = TListDevicesInput["sort"];
type Direction = TListDevicesInput["direction"];

function StatusBadge({ online }: { online: boolean }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${online ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-600"}`}
    >
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full ${online ? "bg-emerald-500" : "bg-slate-400"}`} />
      {online ? "Online" : "Offline"}
    </span>
  );
}

type SortHeaderProps = {
  label: string;
  sort: SortKey;
  query: TListDevicesInput;
  onSort: (sort: SortKey, direction: Direction) => void;
  secondLine?: string;
};

/** A sortable column; `secondLine` names what the cells show under the main value. */
function SortHeader({ label, sort, query, onSort, secondLine }: SortHeaderProps) {
  const active = query.sort === sort;
  const nextDirection = active && query.direction === "asc" ? "desc" : "asc";
  return (
    <th
      scope="col"
      aria-sort={active ? (query.direction === "asc" ? "ascending" : "descending") : "none"}
      className="px-3 py-3 align-top font-medium"
    >
      <button
        type="button"
        className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
        onClick={() => onSort(sort, nextDirection)}
      >
        {label}
        <span aria-hidden="true">{active ? (query.direction === "asc" ? "▲" : "▼") : ""}</span>
      </button>
      {secondLine ? <span className="block font-normal normal-case">{secondLine}</span> : null}
    </th>
  );
}

/** A signed-in profile ("DOMAIN\user") may break after the backslash rather than anywhere. */
function ProfileName({ name }: { name: string }) {
  const at = name.indexOf("\\") + 1;
  return at > 0 ? (
    <>
      {name.slice(0, at)}
      <wbr />
      {name.slice(at)}
    </>
  ) : (
    <>{name}</>
  );
}

type Props = {
  data: DevicesPage;
  query: TListDevicesInput;
  /** Whether the Customer column shows (not on a customer's own page). */
  showCustomer: boolean;
  selection: DeviceSelection;
  onSort: (sort: SortKey, direction: Direction) => void;
  /** Called with the 1-based page number that Previous or Next asks for. */
  onPage: (page: number) => void;
};

/** One page of devices (never empty: the list shows its empty state instead) with checkboxes, sortable columns and paging. */
export function DevicesTable({ data, query, showCustomer, selection, onSort, onPage }: Props) {
  const first = (data.page - 1) * data.pageSize + 1;
  const last = Math.min(data.total, data.page * data.pageSize);
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="w-10 px-4 py-3 align-top">
              <input
                type="checkbox"
                aria-label="Select all"
                checked={selection.pageSelected}
                onChange={selection.togglePage}
              />
            </th>
            <SortHeader label="Hostname" sort="hostname" query={query} onSort={onSort} secondLine="Signed-in user" />
            {showCustomer ? <SortHeader label="Customer" sort="customer" query={query} onSort={onSort} /> : null}
            <SortHeader label="OS" sort="os" query={query} onSort={onSort} secondLine="Type" />
            <SortHeader label="Last seen" sort="lastSeen" query={query} onSort={onSort} secondLine="Status" />
            <th scope="col" className="px-3 py-3 align-top font-medium">
              Helpdesk
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.devices.map((device) => (
            <tr key={device.id} className={selection.isSelected(device.id) ? "bg-indigo-50/40" : "hover:bg-slate-50"}>
              <td className="px-4 py-3">
                <input
                  type="checkbox"
                  aria-label={`Select ${device.hostname}`}
                  checked={selection.isSelected(device.id)}
                  onChange={() => selection.toggle(device.id)}
                />
              </td>
              <td className="px-3 py-3">
                <Link
                  href={`/devices/${device.id}`}
                  className="block max-w-44 font-medium break-words text-indigo-700 hover:underline"
                >
                  {device.hostname}
                </Link>
                {device.possibleClone ? (
                  <div className="max-w-44">
                    <CloneFlagLink flag={device.possibleClone} />
                  </div>
                ) : null}
                {device.currentProfile ? (
                  <span className={`${SECOND_LINE} max-w-44 break-words`}>
                    <ProfileName name={device.currentProfile.name} />
                  </span>
                ) : (
                  <span className={`${SECOND_LINE} text-slate-400`}>Nobody signed in</span>
                )}
              </td>
              {showCustomer ? (
                <td className="px-3 py-3">
                  <Link
                    href={`/customers/${device.customer.id}`}
                    className="block max-w-40 truncate hover:underline"
                    title={device.customer.name}
                  >
                    {device.customer.name}
                  </Link>
                </td>
              ) : null}
              <td className="px-3 py-3">
                <span className="block max-w-40 truncate" title={`${device.osName} ${device.osVersion}`}>
                  {device.osName}
                </span>
                <span className={SECOND_LINE}>{device.osKind === "server" ? "Server" : "Workstation"}</span>
              </td>
              <td className="px-3 py-3 whitespace-nowrap">
                <StatusBadge online={device.online} />
                <RelativeTime at={device.lastSeenAt} className={SECOND_LINE} />
              </td>
              <td className="px-3 py-3">
                <HelpdeskStateBadge state={device.helpdesk} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex items-center justify-between border-t border-slate-100 px-4 py-3 text-sm text-slate-500">
        <span>
          Showing {first.toLocaleString("en")}–{last.toLocaleString("en")} of {data.total.toLocaleString("en")}
        </span>
        <div className="flex gap-2">
          <Button variant="secondary" disabled={data.page <= 1} onClick={() => onPage(data.page - 1)}>
            Previous
          </Button>
          <Button variant="secondary" disabled={last >= data.total} onClick={() => onPage(data.page + 1)}>
            Next
          </Button>
        </div>
      </div>
    </div>
  );
}
