import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { WEBHOOK_CHANNEL } from "./webhook-channel.ts";
import type { TWebhookDeliveryRef } from "./webhook-endpoint-input.ts";

/**
 * Settings ▸ Webhooks ▸ Delivery log ▸ Resend, or `POST
 * /api/v1/webhooks/{id}/deliveries/{deliveryId}/resend` (admins): a delivered or failed delivery
 * becomes pending and due now, the same event (same id and body, so a receiver that deduplicates
 * by `Helpline-Event-Id` sees a repeat) signed with the endpoint's current secret. `lastError` is
 * cleared: that is how the sender tells a resent delivery from one awaiting a retry, and records
 * the try as a WebhookAttempt with trigger `resend`. One guarded UPDATE decides, so two
 * clicks at once queue it once and the second is told it is pending. Audited
 * `webhook.delivery_resent`. Throws 403 for a technician, 404 when the delivery is not this
 * endpoint's, 409 `delivery_pending` when it is still pending (waiting, or being sent), 409
 * `endpoint_disabled` when the endpoint is switched off (switch it on first).
 */
export async function resendWebhookDelivery(options: { actor: TechnicianActor; input: TWebhookDeliveryRef }) {
  requireAdmin(options.actor);
  const { endpointId, deliveryId } = options.input;
  const now = new Date().toISOString();
  await getPrisma().$transaction(async (tx) => {
    const resent = await tx.$executeRaw`
      UPDATE "WebhookDelivery" AS d
      SET status = 'pending', "nextAttemptAt" = ${now}::timestamp(3), "deliveredAt" = NULL, "lastError" = NULL
      FROM "WebhookEndpoint" AS e
      WHERE d.id = ${deliveryId}::uuid AND d."endpointId" = ${endpointId}::uuid AND e.id = d."endpointId"
        AND e.enabled AND d.status <> 'pending'`;
    if (resent === 0) {
      const found = await tx.webhookDelivery.findFirst({
        where: { id: deliveryId, endpointId },
        select: { status: true, endpoint: { select: { enabled: true } } },
      });
      if (!found) throw new DomainError("not_found", "This delivery no longer exists.", 404);
      if (!found.endpoint.enabled)
        throw new DomainError("endpoint_disabled", "This endpoint is disabled. Enable it, then resend.", 409);
      throw new DomainError("delivery_pending", "This delivery is already waiting to be sent.", 409);
    }
    // Delivered on commit: a sender wakes now rather than at its next timer.
    await tx.$executeRaw`SELECT pg_notify(${WEBHOOK_CHANNEL}, ${deliveryId})`;
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "webhook.delivery_resent",
      subject: `webhook_endpoint:${endpointId}`,
      data: { deliveryId },
    });
  });
}
