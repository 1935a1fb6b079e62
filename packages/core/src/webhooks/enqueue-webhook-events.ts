import type { Prisma } from "@helpline/db";
import { WEBHOOK_CHANNEL } from "./webhook-channel.ts";
import type { WebhookEventType } from "./webhook-event-types.ts";

/**
 * enqueueWebhookEvent for many events at once (a bulk Apply on 10,000 devices), in one statement
 * whatever the count, so a set-based operation stays set-based: each event is inserted only when
 * some enabled endpoint subscribes to its type, with one pending delivery per such endpoint, then
 * one NOTIFY on `WEBHOOK_CHANNEL`. `events` come from the builders in webhook-payloads.ts. Returns
 * how many deliveries were queued.
 */
export async function enqueueWebhookEvents(
  tx: Prisma.TransactionClient,
  events: { type: WebhookEventType; data: object }[],
): Promise<{ deliveries: number }> {
  if (events.length === 0) return { deliveries: 0 };
  const now = new Date().toISOString();
  const [row] = await tx.$queryRaw<{ deliveries: bigint }[]>`
    WITH input AS (
      SELECT gen_random_uuid() AS id, x.type, x.data
      FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS x(type text, data jsonb)
    ), inserted_events AS (
      INSERT INTO "WebhookEvent" (id, type, data, "createdAt")
      SELECT id, type, data, ${now}::timestamp(3) FROM input
      WHERE EXISTS (SELECT 1 FROM "WebhookEndpoint" e WHERE e.enabled AND input.type = ANY(e.events))
      RETURNING id, type
    ), inserted_deliveries AS (
      INSERT INTO "WebhookDelivery" (id, "eventId", "endpointId", "nextAttemptAt", "createdAt")
      SELECT gen_random_uuid(), inserted_events.id, e.id, ${now}::timestamp(3), ${now}::timestamp(3)
      FROM inserted_events JOIN "WebhookEndpoint" e ON e.enabled AND inserted_events.type = ANY(e.events)
      RETURNING 1
    )
    SELECT count(*) AS deliveries FROM inserted_deliveries`;
  const deliveries = Number(row?.deliveries ?? 0);
  if (deliveries > 0) await tx.$executeRaw`SELECT pg_notify(${WEBHOOK_CHANNEL}, '')`;
  return { deliveries };
}
