import { getPrisma } from "@helpline/db";

/** How long ignored mail stays in Settings ▸ Email ▸ Ignored mail (the 30 days). */
export const IGNORED_MAIL_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
// Receipt counters of past hours decide nothing any more; two hours leaves the current one alone
// whatever the clocks of several processes say.
const RECEIPT_CAP_KEEP_MS = 2 * 60 * 60 * 1000;

/** The oldest `receivedAt` ignored mail may have at `now` and still be listed. */
export function ignoredMailSince(now: Date): Date {
  return new Date(now.getTime() - IGNORED_MAIL_DAYS * DAY_MS);
}

/**
 * Deletes ignored mail received more than IGNORED_MAIL_DAYS before `now` (raw message and all:
 * nobody made a ticket of it), and receipt-cap counters of past hours. Safe to run in several
 * processes at once (plain deletes). Run it from a timer, about hourly; returns what it deleted.
 */
export async function purgeIgnoredMail(options: { now: Date }): Promise<{ deleted: number }> {
  const prisma = getPrisma();
  const { count } = await prisma.inboundMail.deleteMany({
    where: { outcome: "ignored", receivedAt: { lt: ignoredMailSince(options.now) } },
  });
  await prisma.inboundReceiptCap.deleteMany({
    where: { hour: { lt: new Date(options.now.getTime() - RECEIPT_CAP_KEEP_MS) } },
  });
  return { deleted: count };
}
