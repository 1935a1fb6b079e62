import type { Prisma } from "@helpline/db";
import type { SlaTicketStatus } from "./compute-ticket-sla.ts";
import { ZStoredCalendar } from "./sla-calendar-row.ts";
import { ZSlaTargetsSnapshot, type SlaPriority } from "./sla-types.ts";
import { NO_SLA_COLUMNS, sentSlaAlerts, ticketSlaColumns, type TicketSlaColumns } from "./ticket-sla-columns.ts";

// The keyset cursor before every ticket id (uuid order is byte order).
const BEFORE_EVERY_ID = "00000000-0000-0000-0000-000000000000";

type TicketRow = {
  id: string;
  priority: SlaPriority;
  status: SlaTicketStatus;
  createdAt: Date;
  firstRespondedAt: Date | null;
  slaTargets: unknown;
};

/**
 * One batch of the recomputation of a calendar's tickets after its opening hours or holidays
 * changed (SlaRecompute, worked through by the SLA scheduler's runSlaRecompute), inside the
 * caller's transaction: the next `batchSize` tickets on `calendarId` that are not Closed, by id
 * after `afterTicketId` (null = from the start; index Ticket(slaCalendarId, id)), their rows locked
 * (FOR UPDATE, so a change to one of them and its refreshTicketSla wait for this batch or go
 * first, never in between), their status history and sent alerts in two queries, their SLA
 * columns computed by `ticketSlaColumns` as of `now` (UTC) with the calendar as stored now, and
 * written back by one UPDATE … FROM unnest(…) to the tickets whose columns change. Tickets
 * without a targets snapshot (no SLA) are counted but not written; one whose snapshot does not
 * parse, or whose calendar cannot be read or never opens (written by hand past the services'
 * checks), has its columns cleared, as refreshTicketSla does. Returns how many tickets the batch took, the cursor to continue after, and whether
 * this was the last batch. A calendar that no longer
 * exists has nothing to do (done). Throws only what the database throws.
 */
export async function recomputeCalendarTickets(
  tx: Prisma.TransactionClient,
  options: { calendarId: string; afterTicketId: string | null; batchSize?: number; now: Date },
): Promise<{ processed: number; lastTicketId: string | null; done: boolean }> {
  const batchSize = options.batchSize ?? 1000;
  const row = await tx.slaCalendar.findUnique({
    where: { id: options.calendarId },
    select: { timeZone: true, weeklyHours: true, holidays: true },
  });
  if (!row) return { processed: 0, lastTicketId: options.afterTicketId, done: true };
  // A calendar written by hand that cannot be read counts no time for any of its tickets.
  const stored = ZStoredCalendar.safeParse(row);

  const tickets = await tx.$queryRaw<TicketRow[]>`
    SELECT id, priority::text AS priority, status::text AS status, "createdAt", "firstRespondedAt", "slaTargets"
    FROM "Ticket"
    WHERE "slaCalendarId" = ${options.calendarId}::uuid AND status <> 'closed'
      AND id > ${options.afterTicketId ?? BEFORE_EVERY_ID}::uuid
    ORDER BY id LIMIT ${batchSize}
    FOR UPDATE`;
  const ids = tickets.map((ticket) => ticket.id);
  const [history, alerts] = await Promise.all([
    tx.ticketStatusChange.findMany({
      where: { ticketId: { in: ids } },
      orderBy: { id: "asc" },
      select: { ticketId: true, status: true, at: true },
    }),
    tx.slaAlert.findMany({ where: { ticketId: { in: ids } }, select: { ticketId: true, target: true, kind: true } }),
  ]);
  const changesOf = groupBy(history, (change) => change.ticketId);
  const alertsOf = groupBy(sentSlaAlerts(alerts), (alert) => alert.ticketId);

  const written: { id: string; columns: TicketSlaColumns }[] = [];
  for (const ticket of tickets) {
    if (ticket.slaTargets === null) continue;
    const targets = ZSlaTargetsSnapshot.safeParse(ticket.slaTargets);
    written.push({
      id: ticket.id,
      columns:
        stored.success && targets.success
          ? columnsOrNone({
              calendar: stored.data,
              targets: targets.data,
              priority: ticket.priority,
              createdAt: ticket.createdAt,
              statusChanges: changesOf.get(ticket.id) ?? [],
              firstRespondedAt: ticket.firstRespondedAt,
              now: options.now,
              alertsSent: alertsOf.get(ticket.id) ?? [],
            })
          : NO_SLA_COLUMNS,
    });
  }
  if (written.length > 0) {
    const column = (name: keyof TicketSlaColumns) => written.map(({ columns }) => columns[name]?.toISOString() ?? null);
    // A ticket the change did not move (its clocks never ran in the changed hours) is not
    // rewritten: no new row version, no index entries, no WAL.
    await tx.$executeRaw`
      UPDATE "Ticket" AS t SET
        "firstResponseDueAt" = v.first_response_due, "resolutionDueAt" = v.resolution_due,
        "firstResponseBreachedAt" = v.first_response_breached, "resolutionBreachedAt" = v.resolution_breached,
        "resolvedAt" = v.resolved, "slaDueAt" = v.due, "slaWarnAt" = v.warn, "slaAlertAt" = v.alert
      FROM unnest(
        ${written.map(({ id }) => id)}::uuid[],
        ${column("firstResponseDueAt")}::timestamp(3)[], ${column("resolutionDueAt")}::timestamp(3)[],
        ${column("firstResponseBreachedAt")}::timestamp(3)[], ${column("resolutionBreachedAt")}::timestamp(3)[],
        ${column("resolvedAt")}::timestamp(3)[], ${column("slaDueAt")}::timestamp(3)[],
        ${column("slaWarnAt")}::timestamp(3)[], ${column("slaAlertAt")}::timestamp(3)[]
      ) AS v(id, first_response_due, resolution_due, first_response_breached, resolution_breached, resolved, due, warn, alert)
      WHERE t.id = v.id
        AND (t."firstResponseDueAt", t."resolutionDueAt", t."firstResponseBreachedAt", t."resolutionBreachedAt",
             t."resolvedAt", t."slaDueAt", t."slaWarnAt", t."slaAlertAt")
          IS DISTINCT FROM (v.first_response_due, v.resolution_due, v.first_response_breached, v.resolution_breached,
             v.resolved, v.due, v.warn, v.alert)`;
  }
  return {
    processed: tickets.length,
    lastTicketId: ids.at(-1) ?? options.afterTicketId,
    done: tickets.length < batchSize,
  };
}

/**
 * The ticket's columns, or none (as refreshTicketSla does for an unreadable snapshot: no clock, no
 * alert owed) when its calendar has no open time or an unknown zone (RangeError): a calendar
 * written by hand past the services' checks must not stop the recompute of every calendar queued
 * after it.
 */
function columnsOrNone(input: Parameters<typeof ticketSlaColumns>[0]): TicketSlaColumns {
  try {
    return ticketSlaColumns(input);
  } catch (error) {
    if (error instanceof RangeError) return NO_SLA_COLUMNS;
    throw error;
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
