import { getPrisma } from "@helpline/db";
import { IDEMPOTENCY_RETENTION_MS } from "./claim-idempotency-key.ts";

/** Deletes the Idempotency-Key records older than 24 h before `now`; returns how many. */
export async function deleteExpiredIdempotencyRecords(options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const { count } = await getPrisma().idempotencyRecord.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS) } },
  });
  return count;
}
