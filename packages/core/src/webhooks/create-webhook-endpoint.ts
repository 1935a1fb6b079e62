import { getPrisma } from "@helpline/db";
import { randomBytes } from "node:crypto";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { config } from "../config/config.ts";
import type { TCreateWebhookEndpointInput } from "./webhook-endpoint-input.ts";
import { toWebhookEndpoint, WEBHOOK_ENDPOINT_SELECT } from "./webhook-endpoint-row.ts";
import { validateWebhookUrl } from "./validate-webhook-url.ts";

/** A new signing secret: `whsec_` and 32 random bytes, base64url (the prefix tells it from other secrets in a vault). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/**
 * Settings ▸ Webhooks ▸ Add endpoint, or `POST /api/v1/webhooks` (admins: an endpoint receives
 * every customer's tickets, so it is the MSP's decision, like the other integrations). The URL is
 * checked by validateWebhookUrl with HELPLINE_WEBHOOKS_ALLOW_PRIVATE and stored normalised; the
 * caller becomes its owner (mailed if it gets disabled). Audited `webhook.endpoint_created`.
 * Returns the endpoint (see toWebhookEndpoint) and its signing `secret`, the one answer that
 * carries it unasked. Throws 403 for a technician, 400 `invalid_webhook_url` (field `url`).
 */
export async function createWebhookEndpoint(options: { actor: TechnicianActor; input: TCreateWebhookEndpointInput }) {
  requireAdmin(options.actor);
  const url = validateWebhookUrl(options.input.url, config().webhooksAllowPrivate);
  const { description, events } = options.input;
  const secret = generateWebhookSecret();
  return getPrisma().$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: { url, description, events, secret, ownerId: options.actor.id },
      select: WEBHOOK_ENDPOINT_SELECT,
    });
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "webhook.endpoint_created",
      subject: `webhook_endpoint:${row.id}`,
      data: { url, events },
    });
    return { endpoint: toWebhookEndpoint(row), secret };
  });
}
