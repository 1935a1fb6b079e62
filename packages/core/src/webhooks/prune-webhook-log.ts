import { getPrisma } from "@helpline/db";

/** How long the delivery log keeps an event, its deliveries and their attempts (issue 15). */
export const WEBHOOK_LOG_RETENTION_MS = 30 * 24 * 60 * 60_000;

/**
 * Deletes webhook events older than 30 days before `now`, with their deliveries and attempts (the
 * foreign keys cascade), whatever their state: a delivery still pending after 30 days belongs to an
 * endpoint that has been disabled that long. Returns how many events went.
 */
export async function pruneWebhookLog(options: { now?: Date } = {}): Promise<{ events: number }> {
  const before = new Date((options.now ?? new Date()).getTime() - WEBHOOK_LOG_RETENTION_MS);
  const { count } = await getPrisma().webhookEvent.deleteMany({ where: { createdAt: { lt: before } } });
  return { events: count };
}
