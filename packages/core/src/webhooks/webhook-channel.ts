/**
 * The NOTIFY channel that wakes the webhook senders of every process on the database when an event
 * is written (enqueueWebhookEvent) or a delivery is queued again (Resend).
 */
export const WEBHOOK_CHANNEL = "helpline_webhooks";
