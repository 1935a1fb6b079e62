import type { listSlaPolicies } from "@helpline/core";
import { SLA_PRIORITIES } from "@helpline/core/sla-types";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { SettingsIcon } from "@/components/ui/icons";
import { Table } from "@/components/ui/table";
import { formatTarget, PRIORITY_LABELS } from "../summaries";

type Row = Awaited<ReturnType<typeof listSlaPolicies>>[number];

/** Settings ▸ SLAs: every policy with its calendar, whether it is the default, and its targets. */
export function PoliciesTable({ rows }: { rows: Row[] }) {
  if (rows.length === 0)
    return (
      <EmptyState title="No SLA policies yet" icon={<SettingsIcon />}>
        A policy sets the first response and resolution targets per priority on a calendar. Make one the default and
        every ticket gets due times.
      </EmptyState>
    );
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <Table columns={["Name", "Calendar", "Targets (first response / resolution)", "Customers"]}>
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="px-4 py-3 font-medium whitespace-nowrap">
              <Link href={`/settings/slas/${row.id}`} className="text-indigo-700 hover:underline">
                {row.name}
              </Link>
              {row.isDefault ? (
                <span className="ml-2 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700">
                  Default
                </span>
              ) : null}
            </td>
            <td className="px-4 py-3">
              {row.calendar.name} <span className="text-slate-500">({row.calendar.timeZone})</span>
            </td>
            <td className="px-4 py-3">
              <ul className="space-y-0.5">
                {[...SLA_PRIORITIES].reverse().map((priority) => (
                  <li key={priority}>
                    <span className="inline-block w-16 text-slate-500">{PRIORITY_LABELS[priority]}</span>
                    {formatTarget(row.targets[priority].firstResponse)} /{" "}
                    {formatTarget(row.targets[priority].resolution)}
                  </li>
                ))}
              </ul>
            </td>
            <td className="px-4 py-3">{row.customerCount === 0 ? "None" : row.customerCount.toLocaleString("en")}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
