import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { generateWebhookSecret } from "./create-webhook-endpoint.ts";
import type { TWebhookEndpointRef } from "./webhook-endpoint-input.ts";
import { webhookEndpointNotFound } from "./webhook-endpoint-row.ts";

/**
 * Settings ▸ Webhooks ▸ endpoint ▸ Rotate secret (admins): a new signing secret replaces the old
 * one at once (every delivery sent from now on, retries included, is signed with it: there is no
 * overlap, so the receiver is updated right after). Audited `webhook.secret_rotated`, without the
 * secret. Returns `{ secret }`. Throws 403 for a technician, 404 when it does not exist.
 */
export async function rotateWebhookSecret(options: { actor: TechnicianActor; input: TWebhookEndpointRef }) {
  requireAdmin(options.actor);
  const { endpointId } = options.input;
  const secret = generateWebhookSecret();
  return getPrisma().$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.updateMany({ where: { id: endpointId }, data: { secret } });
    if (updated.count === 0) throw webhookEndpointNotFound();
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "webhook.secret_rotated",
      subject: `webhook_endpoint:${endpointId}`,
    });
    return { secret };
  });
}
