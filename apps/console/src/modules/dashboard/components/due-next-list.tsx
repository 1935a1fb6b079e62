import type { getDashboard } from "@helpline/core";
import Link from "next/link";
import { DueBadge } from "@/modules/tickets/components/due-badge";
import { PriorityText } from "@/modules/tickets/components/ticket-badges";
import { UNASSIGNED_CUSTOMERS } from "@/modules/tickets/unassigned-customers";

type Ticket = Awaited<ReturnType<typeof getDashboard>>["dueNext"][number];

/** The tickets whose running SLA target is due soonest (overdue ones first), with their Due badges. */
export function DueNextList({ tickets }: { tickets: Ticket[] }) {
  if (tickets.length === 0)
    return (
      <p className="text-sm text-slate-500">
        No ticket has a running SLA clock. Open tickets under an SLA policy show here, soonest due first.
      </p>
    );
  return (
    <ul aria-label="Tickets due next" className="divide-y divide-slate-100">
      {tickets.map((ticket) => (
        <li key={ticket.id} className="flex items-center gap-3 py-2.5 text-sm">
          <span className="w-12 shrink-0 text-slate-500 tabular-nums">#{ticket.number}</span>
          <span className="min-w-0 flex-1">
            <Link
              href={`/tickets/${ticket.number}`}
              className="block truncate font-medium text-indigo-700 hover:underline"
              title={ticket.title}
            >
              {ticket.title}
            </Link>
            <span className="flex items-center gap-2 text-xs text-slate-500">
              <span className="truncate">{ticket.customer?.name ?? UNASSIGNED_CUSTOMERS}</span>
              <PriorityText priority={ticket.priority} />
            </span>
          </span>
          <span className="w-28 shrink-0 text-right whitespace-nowrap">
            <DueBadge ticket={ticket} />
          </span>
        </li>
      ))}
    </ul>
  );
}
