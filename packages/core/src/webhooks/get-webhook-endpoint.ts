import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import type { TWebhookEndpointRef } from "./webhook-endpoint-input.ts";
import { toWebhookEndpoint, WEBHOOK_ENDPOINT_SELECT, webhookEndpointNotFound } from "./webhook-endpoint-row.ts";

/**
 * One endpoint for its page in Settings ▸ Webhooks and `GET /api/v1/webhooks/{id}` (admins), as
 * toWebhookEndpoint shapes it (no secret). Throws 403 for a technician, 404 when it does not exist.
 */
export async function getWebhookEndpoint(options: { actor: TechnicianActor; input: TWebhookEndpointRef }) {
  requireAdmin(options.actor);
  const row = await getPrisma().webhookEndpoint.findUnique({
    where: { id: options.input.endpointId },
    select: WEBHOOK_ENDPOINT_SELECT,
  });
  if (!row) throw webhookEndpointNotFound();
  return toWebhookEndpoint(row);
}
