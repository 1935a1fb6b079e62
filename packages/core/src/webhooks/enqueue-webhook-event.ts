import type { Prisma } from "@helpline/db";
import type { WEBHOOK_TEST_EVENT } from "./webhook-event-types.ts";
import { type WebhookEventType } from "./webhook-event-types.ts";
import { WEBHOOK_CHANNEL } from "./webhook-channel.ts";

/**
 * Writes a webhook event into the outbox inside the caller's transaction (the transactional outbox:
 * the event exists if and only if what caused it committed), with one pending delivery per enabled
 * endpoint subscribed to `type` at this moment — or, with `endpointId`, for that endpoint only
 * whatever it subscribes to (Send test event, `webhook.test`). No endpoint subscribed: nothing is
 * written at all; `event` null (its builder in webhook-payloads.ts found no subscriber and read
 * nothing) writes nothing either, so a Helpline without webhooks pays one count of its endpoints
 * per event. Then NOTIFY
 * `WEBHOOK_CHANNEL`, delivered on commit, wakes a sender at once.
 *
 * `data` is the payload's `data`, already shaped by a builder in webhook-payloads.ts. Returns the
 * event's id (the `Helpline-Event-Id` receivers see) and how many deliveries were queued; the id is
 * null when none was.
 */
export async function enqueueWebhookEvent(
  tx: Prisma.TransactionClient,
  event: { type: WebhookEventType | typeof WEBHOOK_TEST_EVENT; data: object; endpointId?: string } | null,
): Promise<{ eventId: string | null; deliveries: number }> {
  // A payload builder found no subscriber (webhook-payloads.ts): nothing to write.
  if (!event) return { eventId: null, deliveries: 0 };
  const endpointId = event.endpointId ?? null;
  const now = new Date().toISOString();
  // One statement: the event row is inserted only when some endpoint takes it (a CTE that inserts
  // from the endpoint SELECT), then one delivery per endpoint.
  const rows = await tx.$queryRaw<{ eventId: string; deliveries: bigint }[]>`
    WITH targets AS (
      SELECT id FROM "WebhookEndpoint"
      WHERE enabled AND (
        (${endpointId}::uuid IS NULL AND ${event.type}::text = ANY(events))
        OR id = ${endpointId}::uuid)
    ), inserted_event AS (
      INSERT INTO "WebhookEvent" (id, type, data, "createdAt")
      SELECT gen_random_uuid(), ${event.type}::text, ${JSON.stringify(event.data)}::jsonb, ${now}::timestamp(3)
      WHERE EXISTS (SELECT 1 FROM targets)
      RETURNING id
    ), inserted_deliveries AS (
      INSERT INTO "WebhookDelivery" (id, "eventId", "endpointId", "nextAttemptAt", "createdAt")
      SELECT gen_random_uuid(), inserted_event.id, targets.id, ${now}::timestamp(3), ${now}::timestamp(3)
      FROM inserted_event CROSS JOIN targets
      RETURNING "eventId"
    )
    SELECT "eventId", count(*) AS deliveries FROM inserted_deliveries GROUP BY "eventId"`;
  const row = rows[0];
  if (!row) return { eventId: null, deliveries: 0 };
  await tx.$executeRaw`SELECT pg_notify(${WEBHOOK_CHANNEL}, ${row.eventId})`;
  return { eventId: row.eventId, deliveries: Number(row.deliveries) };
}
