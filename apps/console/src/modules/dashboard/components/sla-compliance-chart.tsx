import type { getDashboard } from "@helpline/core";
import Link from "next/link";
import { UNASSIGNED_CUSTOMERS, UNASSIGNED_CUSTOMERS_HREF } from "@/modules/tickets/unassigned-customers";

type Row = Awaited<ReturnType<typeof getDashboard>>["slaCompliance"][number];
type Compliance = Row["firstResponse"];

// Bar colours by how much was met; the percent and counts are always written beside the bar.
function tone(percent: number): string {
  if (percent >= 90) return "bg-emerald-500";
  if (percent >= 75) return "bg-amber-400";
  return "bg-red-500";
}

function Cell({ compliance }: { compliance: Compliance }) {
  const { met, breached, percentMet } = compliance;
  if (percentMet === null)
    return (
      <td className="px-3 py-2 text-slate-400">
        <span aria-hidden="true">—</span>
        <span className="sr-only">None decided</span>
      </td>
    );
  const decided = met + breached;
  return (
    <td className="px-3 py-2" title={`${met} met, ${breached} breached`}>
      <div className="flex items-center gap-2">
        <span aria-hidden="true" className="h-2.5 w-full max-w-40 overflow-hidden rounded-full bg-slate-100">
          <span className={`block h-full rounded-full ${tone(percentMet)}`} style={{ width: `${percentMet}%` }} />
        </span>
        <span className="shrink-0 font-medium text-slate-900 tabular-nums">{percentMet}%</span>
      </div>
      <span className="text-xs text-slate-500 tabular-nums">
        {met} of {decided} met
      </span>
    </td>
  );
}

/**
 * SLA compliance over the last 30 days, per customer: a table whose cells are bars (percent of
 * first response and resolution targets met), with the percent and the counts written out, so it
 * reads as a chart and as a table to a screen reader.
 */
export function SlaComplianceChart({ rows }: { rows: Row[] }) {
  if (rows.length === 0)
    return (
      <p className="text-sm text-slate-500">
        No SLA target was met or breached in the last 30 days. Tickets count here once they are answered, resolved or
        late.
      </p>
    );
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">SLA compliance by customer, last 30 days: percent of targets met</caption>
      <thead className="text-xs tracking-wide text-slate-500 uppercase">
        <tr>
          <th scope="col" className="py-2 pr-3 font-medium">
            Customer
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            First response
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Resolution
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.customerId ?? "unassigned"}>
            <th scope="row" className="max-w-40 py-2 pr-3 font-normal">
              <Link
                href={row.customerId ? `/tickets?customerId=${row.customerId}&status=all` : UNASSIGNED_CUSTOMERS_HREF}
                className="block truncate text-slate-700 hover:text-indigo-700 hover:underline"
                title={row.name ?? UNASSIGNED_CUSTOMERS}
              >
                {row.name ?? UNASSIGNED_CUSTOMERS}
              </Link>
            </th>
            <Cell compliance={row.firstResponse} />
            <Cell compliance={row.resolution} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
