import { getPrisma } from "@helpline/db";
import type { MailTransport } from "./mail-transport.ts";

const BATCH = 20;
const LEASE_MS = 60_000;
const RETRY_BASE_MS = 5_000;
const RETRY_CAP_MS = 15 * 60_000;

function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends what is due in the outbox. Each message is first leased (its next attempt pushed out) under
 * `FOR UPDATE SKIP LOCKED`, so several processes never send the same mail; a failure schedules a
 * retry with backoff and keeps the error. `to` limits the pass to one recipient's mail. Returns how
 * many were delivered.
 */
export async function deliverDueMail(options: { transport: MailTransport; now?: Date; to?: string }): Promise<{ delivered: number; failed: number }> {
  const prisma = getPrisma();
  const now = options.now ?? new Date();
  const leased = await prisma.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "OutboxMessage"
      WHERE status = 'pending' AND "nextAttemptAt" <= ${now.toISOString()}::timestamp(3)
        AND (${options.to ?? null}::text IS NULL OR "to" = ${options.to ?? null}::text)
      ORDER BY "createdAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
    if (due.length === 0) return [];
    const ids = due.map((row) => row.id);
    await tx.outboxMessage.updateMany({ where: { id: { in: ids } }, data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS) } });
    return tx.outboxMessage.findMany({ where: { id: { in: ids } }, orderBy: { createdAt: "asc" } });
  });
  let delivered = 0;
  let failed = 0;
  for (const message of leased) {
    try {
      await options.transport.send({ to: message.to, subject: message.subject, text: message.text ?? "", html: message.html ?? "" });
      const captured = options.transport.mode === "catcher";
      await prisma.outboxMessage.update({
        where: { id: message.id },
        // Bodies may hold secrets (tokens): once delivered they are dropped, unless the catcher is
        // the delivery (then the Outbox is where people read them).
        data: { status: captured ? "captured" : "sent", attempts: { increment: 1 }, deliveredAt: new Date(), lastError: null, ...(captured ? {} : { text: null, html: null }) },
      });
      delivered++;
    } catch (error) {
      const attempts = message.attempts + 1;
      await prisma.outboxMessage.update({
        where: { id: message.id },
        data: { attempts, nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)), lastError: (error as Error).message.slice(0, 500) },
      });
      failed++;
    }
  }
  return { delivered, failed };
}
