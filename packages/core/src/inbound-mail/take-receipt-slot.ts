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
  const hour = new Date(Math.floor(options.now.getTime() / HOUR_MS) * HOUR_MS);
  const rows = await tx.$queryRaw<{ count: number }[]>`
    INSERT INTO "InboundReceiptCap" ("address", "hour", "count") VALUES (${options.address}, ${hour}, 1)
    ON CONFLICT ("address", "hour") DO UPDATE SET "count" = "InboundReceiptCap"."count" + 1
    RETURNING "count"`;
  return Number(rows[0]!.count) <= RECEIPTS_PER_SENDER_PER_HOUR;
}
