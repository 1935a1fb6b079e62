import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import type { TWebhookEndpointRef } from "./webhook-endpoint-input.ts";
import { webhookEndpointNotFound } from "./webhook-endpoint-row.ts";

/**
 * Settings ▸ Webhooks ▸ endpoint ▸ Delete, or `DELETE /api/v1/webhooks/{id}` (admins): the
 * endpoint goes with its delivery log (the foreign keys cascade); deliveries not sent yet are never
 * sent. Audited `webhook.endpoint_deleted` with its URL. Throws 403 for a technician, 404 when it
 * does not exist.
 */
export async function deleteWebhookEndpoint(options: { actor: TechnicianActor; input: TWebhookEndpointRef }) {
  requireAdmin(options.actor);
  const { endpointId } = options.input;
  await getPrisma().$transaction(async (tx) => {
    const [deleted] = await tx.$queryRaw<{ url: string }[]>`
      DELETE FROM "WebhookEndpoint" WHERE id = ${endpointId}::uuid RETURNING url`;
    if (!deleted) throw webhookEndpointNotFound();
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "webhook.endpoint_deleted",
      subject: `webhook_endpoint:${endpointId}`,
      data: { url: deleted.url },
    });
  });
}
