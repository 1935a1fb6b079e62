import type { Prisma } from "@helpline/db";

/**
 * Queues the recomputation of every not-closed ticket on `calendarId` after its opening hours or
 * holidays changed, inside the caller's transaction (the calendar save): one SlaRecompute row per
 * calendar, created or reset to the start (a second save while the first is being worked through
 * starts over, since the tickets already done used the older hours). `total` (for the progress
 * bar) is the count of those tickets now. The SLA scheduler (`runSlaRecompute`) works through it in
 * batches. One statement (INSERT … ON CONFLICT DO UPDATE), so saves at once leave one row.
 * Returns that total.
 */
export async function queueCalendarRecompute(
  tx: Prisma.TransactionClient,
  options: { calendarId: string },
): Promise<{ total: number }> {
  const rows = await tx.$queryRaw<{ total: number }[]>`
    INSERT INTO "SlaRecompute" ("calendarId", "afterTicketId", "done", "total", "requestedAt")
    SELECT ${options.calendarId}::uuid, NULL, 0, count(*)::int, now()
    FROM "Ticket" WHERE "slaCalendarId" = ${options.calendarId}::uuid AND "status" <> 'closed'
    ON CONFLICT ("calendarId") DO UPDATE
      SET "afterTicketId" = NULL, "done" = 0, "total" = EXCLUDED."total", "requestedAt" = EXCLUDED."requestedAt"
    RETURNING "total"`;
  return { total: Number(rows[0]!.total) };
}
