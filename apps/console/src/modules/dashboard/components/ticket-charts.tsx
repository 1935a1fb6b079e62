import type { TTicketStatus } from "@helpline/protocol";
import Link from "next/link";
import { STATUS_BAR, STATUS_LABEL } from "@/modules/tickets/ticket-labels";
import { UNASSIGNED_CUSTOMERS, UNASSIGNED_CUSTOMERS_HREF } from "@/modules/tickets/unassigned-customers";

/** One column per status, scaled to the largest; each links to the list filtered by it. */
export function TicketsByStatusChart({ rows }: { rows: { status: TTicketStatus; count: number }[] }) {
  const max = Math.max(1, ...rows.map((row) => row.count));
  return (
    <ul aria-label="Tickets by status" className="flex h-44 items-end gap-4">
      {rows.map((row) => (
        <li key={row.status} className="flex h-full flex-1 flex-col items-center justify-end gap-1.5">
          <span className="text-sm font-semibold text-slate-900 tabular-nums">{row.count.toLocaleString("en")}</span>
          <span
            aria-hidden="true"
            className={`w-full max-w-14 rounded-t-md ${STATUS_BAR[row.status]}`}
            style={{ height: `${Math.max(2, (row.count / max) * 100)}%` }}
          />
          <Link
            href={`/tickets?status=${row.status}`}
            className="text-xs font-medium text-slate-600 hover:text-indigo-700 hover:underline"
          >
            {STATUS_LABEL[row.status]}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** Horizontal bars: which customers have the most tickets waiting. */
export function UnresolvedByCustomerChart({
  rows,
}: {
  rows: { customerId: string | null; name: string | null; count: number }[];
}) {
  if (rows.length === 0)
    return <p className="text-sm text-slate-500">No unresolved tickets. Nothing is waiting on the desk.</p>;
  const max = Math.max(1, ...rows.map((row) => row.count));
  return (
    <ul aria-label="Unresolved tickets by customer" className="space-y-2.5">
      {rows.map((row) => (
        <li
          key={row.customerId ?? "unassigned"}
          className="grid grid-cols-[9rem_1fr_2.5rem] items-center gap-3 text-sm"
        >
          <Link
            href={row.customerId ? `/tickets?customerId=${row.customerId}` : UNASSIGNED_CUSTOMERS_HREF}
            className="truncate text-slate-700 hover:text-indigo-700 hover:underline"
            title={row.name ?? UNASSIGNED_CUSTOMERS}
          >
            {row.name ?? UNASSIGNED_CUSTOMERS}
          </Link>
          <span aria-hidden="true" className="h-2.5 overflow-hidden rounded-full bg-slate-100">
            <span
              className="block h-full rounded-full bg-indigo-500"
              style={{ width: `${Math.max(3, (row.count / max) * 100)}%` }}
            />
          </span>
          <span className="text-right font-medium text-slate-900 tabular-nums">{row.count.toLocaleString("en")}</span>
        </li>
      ))}
    </ul>
  );
}
