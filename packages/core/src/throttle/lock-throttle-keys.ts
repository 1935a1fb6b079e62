import type { Prisma } from "@helpline/db";

/**
 * Serializes, until the caller's transaction ends, every transaction that counts against one of
 * these throttle keys (e.g. `portal-sign-in:ip:10.0.0.1`). A throttle counts recent rows, then adds
 * one: without this, requests arriving together all count the same rows and all pass. Keys are
 * taken in one order everywhere, so two requests sharing two keys cannot deadlock.
 */
export async function lockThrottleKeys(tx: Prisma.TransactionClient, keys: string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
  }
}
