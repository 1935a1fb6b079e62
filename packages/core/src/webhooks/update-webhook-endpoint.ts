import { getPrisma, type Prisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { config } from "../config/config.ts";
import type { TUpdateWebhookEndpointInput } from "./webhook-endpoint-input.ts";
import { toWebhookEndpoint, WEBHOOK_ENDPOINT_SELECT, webhookEndpointNotFound } from "./webhook-endpoint-row.ts";
import { validateWebhookUrl } from "./validate-webhook-url.ts";

/**
 * Settings ▸ Webhooks ▸ endpoint ▸ Save / Enabled, or `PATCH /api/v1/webhooks/{id}` (admins):
 * changes the fields given. A new URL is checked as at creation (validateWebhookUrl). Switching
 * off stamps `disabledAt` (no reason: an admin chose it); switching on clears `disabledAt`,
 * `disabledReason` and `failingSince`, so an endpoint the sender disabled after three days of
 * failures starts afresh. Deliveries already queued keep their state. Audited
 * `webhook.endpoint_updated` with the fields changed. Returns the endpoint (toWebhookEndpoint).
 * Throws 403 for a technician, 404 when it does not exist, 400 `invalid_webhook_url` (field `url`).
 */
export async function updateWebhookEndpoint(options: { actor: TechnicianActor; input: TUpdateWebhookEndpointInput }) {
  requireAdmin(options.actor);
  const { endpointId, description, events, enabled } = options.input;
  const url =
    options.input.url === undefined ? undefined : validateWebhookUrl(options.input.url, config().webhooksAllowPrivate);
  return getPrisma().$transaction(async (tx) => {
    // Locked, so "was it enabled?" and the write are one step when two admins toggle at once.
    const [before] = await tx.$queryRaw<{ enabled: boolean }[]>`
      SELECT enabled FROM "WebhookEndpoint" WHERE id = ${endpointId}::uuid FOR UPDATE`;
    if (!before) throw webhookEndpointNotFound();
    const data: Prisma.WebhookEndpointUpdateInput = { url, description, events };
    if (enabled === true && !before.enabled)
      Object.assign(data, { enabled, disabledAt: null, disabledReason: null, failingSince: null });
    if (enabled === false && before.enabled) Object.assign(data, { enabled, disabledAt: new Date() });
    const row = await tx.webhookEndpoint.update({ where: { id: endpointId }, data, select: WEBHOOK_ENDPOINT_SELECT });
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "webhook.endpoint_updated",
      subject: `webhook_endpoint:${endpointId}`,
      data: Object.fromEntries(
        Object.entries({ url, description, events, enabled }).filter(([, value]) => value !== undefined),
      ) as Prisma.InputJsonObject,
    });
    return toWebhookEndpoint(row);
  });
}
