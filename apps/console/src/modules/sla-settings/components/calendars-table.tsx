import type { listSlaCalendars } from "@helpline/core";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { SettingsIcon } from "@/components/ui/icons";
import { Table } from "@/components/ui/table";
import { summarizeWeeklyHours } from "../summaries";

type Row = Awaited<ReturnType<typeof listSlaCalendars>>[number];

/** Settings ▸ Business hours: every calendar with its zone, week, holidays and the policies on it. */
export function CalendarsTable({ rows }: { rows: Row[] }) {
  if (rows.length === 0)
    return (
      <EmptyState title="No business hours yet" icon={<SettingsIcon />}>
        A calendar says when SLA clocks run: its opening hours, its time zone and its holidays. Create one, then choose
        it in a policy on Settings ▸ SLAs.
      </EmptyState>
    );
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <Table columns={["Name", "Time zone", "Opening hours", "Holidays", "Used by"]}>
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="px-4 py-3 font-medium">
              <Link href={`/settings/business-hours/${row.id}`} className="text-indigo-700 hover:underline">
                {row.name}
              </Link>
              {row.recompute ? (
                <span className="ml-2 rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-700">
                  Updating due times
                </span>
              ) : null}
            </td>
            <td className="px-4 py-3">{row.timeZone}</td>
            <td className="px-4 py-3">{summarizeWeeklyHours(row.weeklyHours)}</td>
            <td className="px-4 py-3">{row.holidays.length.toLocaleString("en")}</td>
            <td className="px-4 py-3">
              {row.policyCount === 0
                ? "No policy"
                : `${row.policyCount} ${row.policyCount === 1 ? "policy" : "policies"}`}
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
