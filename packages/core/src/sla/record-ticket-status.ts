import type { Prisma, TicketStatus } from "@helpline/db";

/**
 * Appends `status` since `at` (UTC) to the ticket's status history (TicketStatusChange) when it
 * differs from the ticket's last recorded status; returns whether a row was written. Called inside
 * the transaction that creates the ticket or changes its status, by every such path (the SLA
 * clocks are recomputed from this history: Pending pauses them, Resolved/Closed stops them).
 * One statement (INSERT … SELECT … WHERE the last row differs), so a repeated call writes nothing;
 * callers changing a status hold the ticket's row lock (lockTicket), which orders their rows.
 */
export async function recordTicketStatus(
  tx: Prisma.TransactionClient,
  options: { ticketId: string; status: TicketStatus; at: Date },
): Promise<boolean> {
  const { ticketId, status, at } = options;
  // The last row by id (insertion order), not by `at`: a clock set back must not hide a change.
  const written = await tx.$executeRaw`
    INSERT INTO "TicketStatusChange" ("ticketId", "status", "at")
    SELECT ${ticketId}::uuid, ${status}::"TicketStatus", ${at}
    WHERE ${status}::"TicketStatus" IS DISTINCT FROM (
      SELECT "status" FROM "TicketStatusChange" WHERE "ticketId" = ${ticketId}::uuid ORDER BY "id" DESC LIMIT 1)`;
  return written > 0;
}
