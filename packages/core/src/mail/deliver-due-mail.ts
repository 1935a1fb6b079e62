import { getPrisma } from "@helpline/db";
import { SMTP_STEP_TIMEOUT_MS, type MailTransport } from "./mail-transport.ts";

const BATCH = 20;
// A claimed message is left alone by every other process this long: longer than one send can take
// (an SMTP exchange is about ten steps, each given up after SMTP_STEP_TIMEOUT_MS), short enough
// that a process dying mid-send delays that mail by minutes (5), not hours.
const OUTBOX_LEASE_MS = 15 * SMTP_STEP_TIMEOUT_MS;
const RETRY_BASE_MS = 5_000;
const RETRY_CAP_MS = 15 * 60_000;

type Claimed = {
  id: string;
  to: string;
  toName: string | null;
  subject: string;
  text: string | null;
  html: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  autoSubmitted: boolean;
  attempts: number;
};

function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * The oldest due message, claimed in one statement just before it is sent: its next attempt moves
 * past the lease, under `FOR UPDATE SKIP LOCKED`, so no other process takes it while this one
 * sends. One at a time, so a lease covers one send, never a queue of them behind a slow relay.
 */
async function claimNext(now: Date, to: string | null): Promise<Claimed | null> {
  const leasedUntil = new Date(now.getTime() + OUTBOX_LEASE_MS).toISOString();
  const [claimed] = await getPrisma().$queryRaw<Claimed[]>`
    UPDATE "OutboxMessage" SET "nextAttemptAt" = ${leasedUntil}::timestamp(3)
    WHERE id = (
      SELECT id FROM "OutboxMessage"
      WHERE status = 'pending' AND "nextAttemptAt" <= ${now.toISOString()}::timestamp(3)
        AND (${to}::text IS NULL OR "to" = ${to}::text)
      ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, "to", "toName", subject, text, html, "messageId", "inReplyTo", "references", "autoSubmitted", attempts`;
  return claimed ?? null;
}

/**
 * Sends what is due in the outbox, up to 20 messages, each claimed just before its send so that
 * several processes never send the same mail; a failure schedules a retry with backoff and keeps
 * the error. `to` limits the pass to one recipient's mail; `now` is the clock (tests move it).
 * Returns how many were delivered and how many failed.
 */
export async function deliverDueMail(options: {
  transport: MailTransport;
  now?: Date;
  to?: string;
}): Promise<{ delivered: number; failed: number }> {
  const prisma = getPrisma();
  let delivered = 0;
  let failed = 0;
  for (let count = 0; count < BATCH; count++) {
    const message = await claimNext(options.now ?? new Date(), options.to ?? null);
    if (!message) break;
    try {
      await options.transport.send({
        to: { name: message.toName, address: message.to },
        subject: message.subject,
        text: message.text ?? "",
        html: message.html ?? "",
        messageId: message.messageId,
        inReplyTo: message.inReplyTo,
        references: message.references,
        autoSubmitted: message.autoSubmitted,
      });
      const captured = options.transport.mode === "catcher";
      await prisma.outboxMessage.updateMany({
        where: { id: message.id, status: "pending" },
        // Bodies may hold secrets (tokens): once delivered they are dropped, unless the catcher is
        // the delivery (then the Outbox is where people read them).
        data: {
          status: captured ? "captured" : "sent",
          attempts: { increment: 1 },
          deliveredAt: new Date(),
          lastError: null,
          ...(captured ? {} : { text: null, html: null }),
        },
      });
      delivered++;
    } catch (error) {
      await prisma.outboxMessage.updateMany({
        where: { id: message.id, status: "pending" },
        data: {
          attempts: { increment: 1 },
          nextAttemptAt: new Date(Date.now() + retryDelayMs(message.attempts + 1)),
          lastError: (error as Error).message.slice(0, 500),
        },
      });
      failed++;
    }
  }
  return { delivered, failed };
}
