import type { Prisma } from "@helpline/db";

/**
 * Takes a ticket's row lock until the caller's transaction ends, before it reads the ticket to
 * decide a change (status from what to what, reopen on reply, the audit line's "from"): two
 * changes at once then run one after the other, and the second decides on what the first wrote
 * (each statement sees what committed before it). A missing ticket locks nothing; the caller's
 * own scoped read then says 404.
 */
export async function lockTicket(
  tx: Prisma.TransactionClient,
  ticket: { id: string } | { number: number },
): Promise<void> {
  if ("id" in ticket) await tx.$executeRaw`SELECT 1 FROM "Ticket" WHERE id = ${ticket.id}::uuid FOR UPDATE`;
  else await tx.$executeRaw`SELECT 1 FROM "Ticket" WHERE number = ${ticket.number} FOR UPDATE`;
}
