import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { toWebhookEndpoint, WEBHOOK_ENDPOINT_SELECT } from "./webhook-endpoint-row.ts";

/**
 * Settings ▸ Webhooks and `GET /api/v1/webhooks` (admins): every endpoint, oldest first (an MSP
 * has a handful, so there is no paging), each with its state and newest delivery (toWebhookEndpoint).
 * Throws 403 for a technician.
 */
export async function listWebhookEndpoints(options: { actor: TechnicianActor }) {
  requireAdmin(options.actor);
  const rows = await getPrisma().webhookEndpoint.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: WEBHOOK_ENDPOINT_SELECT,
  });
  return rows.map(toWebhookEndpoint);
}
