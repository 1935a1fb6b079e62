import type { Prisma } from "@helpline/db";
import { computeTicketSla, type TicketSlaInput } from "./compute-ticket-sla.ts";
import { businessCalendarOf } from "./sla-calendar-row.ts";
import { ZSlaTargetsSnapshot } from "./sla-types.ts";
import { NO_SLA_COLUMNS, sentSlaAlerts, ticketSlaColumns } from "./ticket-sla-columns.ts";

/**
 * Recomputes one ticket's SLA from scratch and writes its SLA columns (due, breached, warn and
 * next-alert times; `ticketSlaColumns`), inside the caller's transaction: its targets snapshot,
 * priority, status history (TicketStatusChange), first public reply, its calendar and the alerts
 * already sent. Called after the ticket is created and after every change of status or priority
 * and the first technician reply, by the services making them; `now` (UTC) decides what is
 * already breached. Returns the columns written, both clocks (`computeTicketSla`) and the
 * calendar's IANA zone; null when no SLA applies to the ticket: none was taken (nothing is
 * written), or its calendar was deleted or its snapshot is unreadable (its SLA columns are
 * cleared: no clock runs, nothing is due, no alert is owed). Throws Prisma's not-found error for
 * an unknown ticket.
 */
export async function refreshTicketSla(tx: Prisma.TransactionClient, options: { ticketId: string; now: Date }) {
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: options.ticketId },
    select: {
      priority: true,
      createdAt: true,
      firstRespondedAt: true,
      slaTargets: true,
      slaCalendar: { select: { timeZone: true, weeklyHours: true, holidays: true } },
      statusChanges: { orderBy: { id: "asc" }, select: { status: true, at: true } },
      slaAlerts: { select: { target: true, kind: true } },
    },
  });
  if (ticket.slaTargets === null) return null;
  const targets = ZSlaTargetsSnapshot.safeParse(ticket.slaTargets);
  if (!targets.success || !ticket.slaCalendar) {
    await tx.ticket.update({ where: { id: options.ticketId }, data: NO_SLA_COLUMNS });
    return null;
  }
  const input: TicketSlaInput = {
    calendar: businessCalendarOf(ticket.slaCalendar),
    targets: targets.data,
    priority: ticket.priority,
    createdAt: ticket.createdAt,
    statusChanges: ticket.statusChanges,
    firstRespondedAt: ticket.firstRespondedAt,
    now: options.now,
  };
  const alertsSent = sentSlaAlerts(ticket.slaAlerts);
  const columns = ticketSlaColumns({ ...input, alertsSent });
  await tx.ticket.update({ where: { id: options.ticketId }, data: columns });
  return { ...columns, clocks: computeTicketSla(input), timeZone: input.calendar.timeZone };
}
