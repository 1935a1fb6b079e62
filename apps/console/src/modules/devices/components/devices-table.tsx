"use client";
import type { CloneFlag, HelpdeskState, TListDevicesInput } from "@helpline/core";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { HeadsetIcon } from "@/components/ui/icons";
import { formatDateTime, formatRelative } from "@/lib/format";
import { HelpdeskAgentDialog } from "@/modules/helpdesk/components/helpdesk-agent-dialog";
import { HelpdeskStateBadge } from "@/modules/helpdesk/components/helpdesk-state-badge";
import { listDevicesAction } from "../actions";
import { CloneFlagLink } from "./clone-flag";

type DeviceRow = {
  id: string;
  hostname: string;
  osName: string;
  osVersion: string;
  osKind: "workstation" | "server";
  lastSeenAt: Date;
  online: boolean;
  customer: { id: string; name: string };
  currentProfile: { name: string; displayName: string | null } | null;
  helpdesk: HelpdeskState;
  possibleClone: CloneFlag | null;
};
export type DevicesPage = { total: number; page: number; pageSize: number; devices: DeviceRow[] };

const REFRESH_MS = 10_000;
const SELECT = "rounded-md border border-slate-300 bg-white px-2.5 py-2 text-sm";
// Column priorities, so the table fits 1280×800: the hostname and the signed-in user wrap; customer
// and OS names keep to one line with the full text on hover; user, type and status are second lines.
const SECOND_LINE = "mt-0.5 block text-xs text-slate-500";

function StatusBadge({ online }: { online: boolean }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${online ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-600"}`}>
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full ${online ? "bg-emerald-500" : "bg-slate-400"}`} />
      {online ? "Online" : "Offline"}
    </span>
  );
}

type SortKey = TListDevicesInput["sort"];

type SortHeaderProps = { label: string; sort: SortKey; query: TListDevicesInput; onSort: (sort: SortKey, direction: "asc" | "desc") => void; secondLine?: string };

/** A sortable column; `secondLine` names what the cells show under the main value. */
function SortHeader({ label, sort, query, onSort, secondLine }: SortHeaderProps) {
  const active = query.sort === sort;
  const nextDirection = active && query.direction === "asc" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (query.direction === "asc" ? "ascending" : "descending") : "none"} className="px-3 py-3 align-top font-medium">
      <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-slate-900" onClick={() => onSort(sort, nextDirection)}>
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
  return at > 0 ? <>{name.slice(0, at)}<wbr />{name.slice(at)}</> : <>{name}</>;
}

/**
 * The devices of all customers, or of one: filtered, sorted and paged on the server. The URL holds
 * the filters (so a view can be shared), and the rows refresh every 10 s so status stays live.
 */
export function DevicesTable({ query, initial, customers }: { query: TListDevicesInput; initial: DevicesPage; customers?: { id: string; name: string }[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [navigating, setNavigating] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [bulkOpen, setBulkOpen] = useState(false);
  // Filters change faster than navigations finish: build each URL from the latest one asked for.
  const latest = useRef(query);
  useEffect(() => {
    latest.current = query;
  }, [query]);
  const { data, isFetching } = useQuery({
    queryKey: ["devices", query],
    queryFn: async () => {
      const result = await listDevicesAction(query);
      if (!result.ok) throw new Error(result.error.message);
      return result.data as DevicesPage;
    },
    initialData: initial,
    refetchInterval: REFRESH_MS,
  });

  // A device enrolled or gone changes counts that the server-rendered page shows around the list.
  useEffect(() => {
    if (data.total !== initial.total) router.refresh();
  }, [data.total, initial.total, router]);

  function navigate(changes: Partial<Record<keyof TListDevicesInput, string | number | undefined>>) {
    const params = new URLSearchParams();
    const next = { ...latest.current, page: 1, ...changes };
    latest.current = next as TListDevicesInput;
    for (const [key, value] of Object.entries(next)) {
      if (key === "customerId" && !customers) continue; // fixed by the page (a customer's devices)
      if (value !== undefined && value !== "" && !(key === "page" && value === 1) && !(key === "sort" && value === "hostname") && !(key === "direction" && value === "asc")) params.set(key, String(value));
    }
    setSelected(new Set());
    setAllMatching(false);
    setNavigating(true);
    router.replace(`${pathname}${params.size ? `?${params}` : ""}`, { scroll: false });
    setTimeout(() => setNavigating(false), 400);
  }

  const sortBy = (sort: SortKey, direction: "asc" | "desc") => navigate({ sort, direction });

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    navigate({ search: String(new FormData(event.currentTarget).get("search") ?? "") });
  }

  const pageIds = data.devices.map((device) => device.id);
  const pageSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const selectedCount = allMatching ? data.total : selected.size;
  const toggle = (id: string) => {
    setAllMatching(false);
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const togglePage = () => {
    setAllMatching(false);
    setSelected(pageSelected ? new Set() : new Set(pageIds));
  };
  const { sort: _sort, direction: _direction, page: _page, ...filter } = query;
  const selection = allMatching ? { kind: "filter" as const, filter } : { kind: "devices" as const, deviceIds: [...selected] };

  const filtered = Boolean(query.search || query.os || query.status || query.helpdesk || (customers && query.customerId));
  const first = (data.page - 1) * data.pageSize + 1;
  const last = Math.min(data.total, data.page * data.pageSize);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <form role="search" onSubmit={search} className="flex gap-2">
          <input name="search" type="search" aria-label="Search devices" placeholder="Hostname, user or IP" defaultValue={query.search} className={`${SELECT} w-64`} />
          <Button type="submit" variant="secondary">Search</Button>
        </form>
        {customers ? (
          <select aria-label="Customer" className={`${SELECT} max-w-64`} title={customers.find((customer) => customer.id === query.customerId)?.name} value={query.customerId ?? ""} onChange={(event) => navigate({ customerId: event.target.value || undefined })}>
            <option value="">All customers</option>
            {customers.map((customer) => <option key={customer.id} value={customer.id}>{customer.name}</option>)}
          </select>
        ) : null}
        <select aria-label="OS" className={SELECT} value={query.os ?? ""} onChange={(event) => navigate({ os: event.target.value || undefined })}>
          <option value="">All OS</option>
          <option value="windows">Windows</option>
          <option value="macos">macOS</option>
          <option value="linux">Linux</option>
        </select>
        <select aria-label="Status" className={SELECT} value={query.status ?? ""} onChange={(event) => navigate({ status: event.target.value || undefined })}>
          <option value="">Any status</option>
          <option value="online">Online</option>
          <option value="offline">Offline</option>
        </select>
        <select aria-label="Helpdesk" className={SELECT} value={query.helpdesk ?? ""} onChange={(event) => navigate({ helpdesk: event.target.value || undefined })}>
          <option value="">Any helpdesk state</option>
          <option value="not_active">Not active</option>
          <option value="awaiting_identity">Active — awaiting identity</option>
          <option value="confirmed">Active — confirmed</option>
        </select>
        <Button variant="secondary" aria-label="Helpdesk Agent" title="Helpdesk Agent" disabled={selectedCount === 0} onClick={() => setBulkOpen(true)}>
          <HeadsetIcon />
          {selectedCount > 0 ? <span>{selectedCount.toLocaleString("en")}</span> : null}
        </Button>
        <span className="ml-auto text-xs text-slate-400" aria-live="polite">{isFetching || navigating ? "Updating…" : "Live"}</span>
      </div>

      {pageSelected && data.total > pageIds.length ? (
        <div role="status" className="rounded-md bg-indigo-50 px-4 py-2 text-sm text-indigo-900">
          {allMatching ? (
            <>All {data.total.toLocaleString("en")} devices are selected. <button type="button" className="font-medium underline" onClick={() => (setAllMatching(false), setSelected(new Set()))}>Clear selection</button></>
          ) : (
            <>All {pageIds.length} devices on this page are selected. <button type="button" className="font-medium underline" onClick={() => setAllMatching(true)}>Select all {data.total.toLocaleString("en")} devices</button></>
          )}
        </div>
      ) : null}
      <HelpdeskAgentDialog open={bulkOpen} onClose={() => setBulkOpen(false)} selection={selection} count={selectedCount} />
      {data.total === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
          <h2 className="font-medium text-slate-900">{filtered ? "No devices match these filters" : "No devices yet"}</h2>
          <p className="mt-1 text-sm text-slate-500">
            {filtered ? "Clear a filter or search for something else." : "Enroll the agent on a machine with its customer's install key and it appears here within seconds."}
          </p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="w-10 px-4 py-3 align-top">
                  <input type="checkbox" aria-label="Select all" checked={pageSelected} onChange={togglePage} />
                </th>
                <SortHeader label="Hostname" sort="hostname" query={query} onSort={sortBy} secondLine="Signed-in user" />
                {customers ? <SortHeader label="Customer" sort="customer" query={query} onSort={sortBy} /> : null}
                <SortHeader label="OS" sort="os" query={query} onSort={sortBy} secondLine="Type" />
                <SortHeader label="Last seen" sort="lastSeen" query={query} onSort={sortBy} secondLine="Status" />
                <th scope="col" className="px-3 py-3 align-top font-medium">Helpdesk</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.devices.map((device) => (
                <tr key={device.id} className={selected.has(device.id) || allMatching ? "bg-indigo-50/40" : "hover:bg-slate-50"}>
                  <td className="px-4 py-3">
                    <input type="checkbox" aria-label={`Select ${device.hostname}`} checked={allMatching || selected.has(device.id)} onChange={() => toggle(device.id)} />
                  </td>
                  <td className="px-3 py-3">
                    <Link href={`/devices/${device.id}`} className="block max-w-44 font-medium break-words text-indigo-700 hover:underline">{device.hostname}</Link>
                    {device.possibleClone ? <div className="max-w-44"><CloneFlagLink flag={device.possibleClone} /></div> : null}
                    {device.currentProfile ? (
                      <span className={`${SECOND_LINE} max-w-44 break-words`}><ProfileName name={device.currentProfile.name} /></span>
                    ) : (
                      <span className={`${SECOND_LINE} text-slate-400`}>Nobody signed in</span>
                    )}
                  </td>
                  {customers ? (
                    <td className="px-3 py-3">
                      <Link href={`/customers/${device.customer.id}`} className="block max-w-40 truncate hover:underline" title={device.customer.name}>{device.customer.name}</Link>
                    </td>
                  ) : null}
                  <td className="px-3 py-3">
                    <span className="block max-w-40 truncate" title={`${device.osName} ${device.osVersion}`}>{device.osName}</span>
                    <span className={SECOND_LINE}>{device.osKind === "server" ? "Server" : "Workstation"}</span>
                  </td>
                  <td className="px-3 py-3 whitespace-nowrap">
                    <StatusBadge online={device.online} />
                    <span className={SECOND_LINE} title={formatDateTime(device.lastSeenAt)}>{formatRelative(device.lastSeenAt)}</span>
                  </td>
                  <td className="px-3 py-3"><HelpdeskStateBadge state={device.helpdesk} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex items-center justify-between border-t border-slate-100 px-4 py-3 text-sm text-slate-500">
            <span>Showing {first.toLocaleString("en")}–{last.toLocaleString("en")} of {data.total.toLocaleString("en")}</span>
            <div className="flex gap-2">
              <Button variant="secondary" disabled={data.page <= 1} onClick={() => navigate({ page: data.page - 1 })}>Previous</Button>
              <Button variant="secondary" disabled={last >= data.total} onClick={() => navigate({ page: data.page + 1 })}>Next</Button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
