import { getPrisma } from "@helpline/db";
import { recomputeCalendarTickets } from "./recompute-calendar-tickets.ts";

// Tickets per batch: one batch is one transaction holding the job's lease, so it is sized for the
// embedded database, where a request waits at most 2 s for a transaction to end: measured on
// PGlite, 0.3–0.55 s per batch of 500 (1–2.2 s per batch of 1,000).
const BATCH_SIZE = 500;

/**
 * One batch of the oldest queued calendar recompute (SlaRecompute, queued by
 * `queueCalendarRecompute` when a calendar's hours or holidays change): leases its row with
 * `FOR UPDATE SKIP LOCKED` (another process takes another calendar, or waits for the next pass),
 * recomputes the next `batchSize` (default 500) tickets after its keyset cursor (`recomputeCalendarTickets`,
 * as of `now`, UTC), advances the cursor and `done`, and deletes the row once the last batch is
 * done — all in one transaction, so a calendar saved again meanwhile (which resets the row) waits
 * for this batch and then starts over. Returns false when no job was free, true after a batch.
 */
export async function runSlaRecompute(options: { now: Date; batchSize?: number }): Promise<boolean> {
  return getPrisma().$transaction(
    async (tx) => {
      const [job] = await tx.$queryRaw<{ calendarId: string; afterTicketId: string | null }[]>`
        SELECT "calendarId", "afterTicketId" FROM "SlaRecompute"
        ORDER BY "requestedAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!job) return false;
      const batch = await recomputeCalendarTickets(tx, {
        calendarId: job.calendarId,
        afterTicketId: job.afterTicketId,
        batchSize: options.batchSize ?? BATCH_SIZE,
        now: options.now,
      });
      if (batch.done) await tx.slaRecompute.delete({ where: { calendarId: job.calendarId } });
      else
        await tx.slaRecompute.update({
          where: { calendarId: job.calendarId },
          data: { afterTicketId: batch.lastTicketId, done: { increment: batch.processed } },
        });
      return true;
    },
    { timeout: 60_000 },
  );
}
