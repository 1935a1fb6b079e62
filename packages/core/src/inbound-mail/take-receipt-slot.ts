import type { Prisma } from "@helpline/db";

/** Receipts per sender address per clock hour (UTC): what still gets past the automatic-mail checks. */
export const RECEIPTS_PER_SENDER_PER_HOUR = 10;

const HOUR_MS = 60 * 60 * 1000;

/**
 * Counts one receipt to `address` in the hour of `now` and says whether it may go: true for the
 * first RECEIPTS_PER_SENDER_PER_HOUR of that hour. One atomic upsert (INSERT … ON CONFLICT DO
 * UPDATE … RETURNING), so mails arriving at once in several processes each get their own count
 * and the cap holds exactly. Inside the caller's transaction: a mail that is rolled back gives its
 * slot back. `address` is the bare lower-case address.
 */
export async function takeReceiptSlot(
  tx: Prisma.TransactionClient,
  options: { address: string; now: Date },
): Promise<boolean> {
  return (await countInHour(tx, options.address, options.now)) <= RECEIPTS_PER_SENDER_PER_HOUR;
}

/**
 * New tickets an unknown sender's mail may open per clock hour (UTC). Strangers get no receipt,
 * so the receipt cap does not slow them; without this a script mailing 500 times under "Create a
 * ticket" fills Unassigned customers with 500 tickets. Mail past the cap is ignored (kept in
 * Settings ▸ Email ▸ Ignored mail, where a technician can still make a ticket of it).
 */
export const STRANGER_TICKETS_PER_SENDER_PER_HOUR = 10;

// Counted in the receipt cap's table under a key no bare address can take (an address has no
// space), so the one atomic upsert serves both caps.
const STRANGER_TICKET_KEY = "new ticket from ";

/**
 * Counts one new ticket from the unknown sender `address` (bare, lower-case) in the hour of `now`
 * and says whether it may be opened: true for the first STRANGER_TICKETS_PER_SENDER_PER_HOUR of
 * that hour. Atomic and inside the caller's transaction, as `takeReceiptSlot`.
 */
export async function takeStrangerTicketSlot(
  tx: Prisma.TransactionClient,
  options: { address: string; now: Date },
): Promise<boolean> {
  const count = await countInHour(tx, `${STRANGER_TICKET_KEY}${options.address}`, options.now);
  return count <= STRANGER_TICKETS_PER_SENDER_PER_HOUR;
}

/** One INSERT … ON CONFLICT DO UPDATE … RETURNING: the count for `key` in `now`'s hour, this one included. */
async function countInHour(tx: Prisma.TransactionClient, key: string, now: Date): Promise<number> {
  const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const rows = await tx.$queryRaw<{ count: number }[]>`
    INSERT INTO "InboundReceiptCap" ("address", "hour", "count") VALUES (${key}, ${hour}, 1)
    ON CONFLICT ("address", "hour") DO UPDATE SET "count" = "InboundReceiptCap"."count" + 1
    RETURNING "count"`;
  return Number(rows[0]!.count);
}
