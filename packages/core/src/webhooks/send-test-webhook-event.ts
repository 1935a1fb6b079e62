import { getPrisma } from "@helpline/db";
import type { z } from "zod";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import type { TWebhookEndpointRef } from "./webhook-endpoint-input.ts";
import { enqueueWebhookEvent } from "./enqueue-webhook-event.ts";
import { webhookEndpointNotFound } from "./webhook-endpoint-row.ts";
import type { ZWebhookTestData } from "./webhook-payloads.ts";
import { WEBHOOK_TEST_EVENT } from "./webhook-event-types.ts";

/**
 * Settings ▸ Webhooks ▸ endpoint ▸ Send test event, or `POST /api/v1/webhooks/{id}/test`
 * (admins): queues a `webhook.test` event to this endpoint alone, whatever it subscribes to, sent
 * like any other (signed, retried, in the delivery log) through enqueueWebhookEvent, which wakes
 * the sender. `data` (ZWebhookTestData) also says who asked, so a receiver's log tells a test from
 * real traffic. Audited `webhook.test_sent`. Returns `{ eventId, deliveryId }`.
 * Throws 403 for a technician, 404 when the endpoint does not exist, 409 `endpoint_disabled` when
 * it is switched off.
 */
export async function sendTestWebhookEvent(options: { actor: TechnicianActor; input: TWebhookEndpointRef }) {
  requireAdmin(options.actor);
  const { endpointId } = options.input;
  return getPrisma().$transaction(async (tx) => {
    // Locked against a concurrent switch-off, so the test is never queued to a disabled endpoint.
    const [endpoint] = await tx.$queryRaw<{ enabled: boolean }[]>`
      SELECT enabled FROM "WebhookEndpoint" WHERE id = ${endpointId}::uuid FOR SHARE`;
    if (!endpoint) throw webhookEndpointNotFound();
    if (!endpoint.enabled)
      throw new DomainError("endpoint_disabled", "This endpoint is disabled. Enable it, then send a test event.", 409);
    const technician = await tx.technician.findUnique({ where: { id: options.actor.id }, select: { name: true } });
    const data: z.infer<typeof ZWebhookTestData> & {
      endpointId: string;
      requestedBy: { id: string; name: string | null };
    } = {
      message: "A test event from Helpline: your endpoint is reachable.",
      endpointId,
      requestedBy: { id: options.actor.id, name: technician?.name ?? null },
    };
    const { eventId } = await enqueueWebhookEvent(tx, { type: WEBHOOK_TEST_EVENT, data, endpointId });
    // The lock above keeps the endpoint enabled until commit, so the event and its delivery exist.
    if (!eventId) throw new Error(`No test delivery was queued for enabled endpoint ${endpointId}.`);
    const delivery = await tx.webhookDelivery.findUniqueOrThrow({
      where: { eventId_endpointId: { eventId, endpointId } },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "webhook.test_sent",
      subject: `webhook_endpoint:${endpointId}`,
      data: { eventId },
    });
    return { eventId, deliveryId: delivery.id };
  });
}
