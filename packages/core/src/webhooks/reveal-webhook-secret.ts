import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import type { TWebhookEndpointRef } from "./webhook-endpoint-input.ts";
import { webhookEndpointNotFound } from "./webhook-endpoint-row.ts";

/**
 * Settings ▸ Webhooks ▸ endpoint ▸ Reveal (admins): the signing secret, which the receiver needs
 * to verify signatures. It is kept readable (the sender signs with it), so reading it is audited
 * `webhook.secret_revealed`, as the secret is as good as the endpoint's identity. Returns
 * `{ secret }`. Throws 403 for a technician, 404 when it does not exist.
 */
export async function revealWebhookSecret(options: { actor: TechnicianActor; input: TWebhookEndpointRef }) {
  requireAdmin(options.actor);
  const { endpointId } = options.input;
  return getPrisma().$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { secret: true } });
    if (!endpoint) throw webhookEndpointNotFound();
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "webhook.secret_revealed",
      subject: `webhook_endpoint:${endpointId}`,
    });
    return { secret: endpoint.secret };
  });
}
