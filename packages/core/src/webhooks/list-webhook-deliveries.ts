import { getPrisma, type Prisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { DomainError } from "../errors.ts";
import { INVALID_DELIVERY_CURSOR, type TListWebhookDeliveriesInput } from "./webhook-endpoint-input.ts";
import { webhookEndpointNotFound } from "./webhook-endpoint-row.ts";

const DELIVERY_SELECT = {
  id: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastStatus: true,
  lastDurationMs: true,
  lastResponse: true,
  lastError: true,
  lastAttemptAt: true,
  deliveredAt: true,
  createdAt: true,
  event: { select: { id: true, type: true, createdAt: true } },
  attemptLog: {
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { id: true, at: true, trigger: true, status: true, durationMs: true, response: true, error: true },
  },
} satisfies Prisma.WebhookDeliverySelect;

export type WebhookDeliveryRow = Prisma.WebhookDeliveryGetPayload<{ select: typeof DELIVERY_SELECT }>;

// The cursor is the last row's position (createdAt, id): it names nothing the caller could not
// read, so it needs no signature, only a shape check.
function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(at ?? "");
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  if (rest.length > 0 || !id || !uuid.test(id) || Number.isNaN(createdAt.getTime()))
    throw new DomainError("invalid_cursor", INVALID_DELIVERY_CURSOR, 400, {
      fields: { cursor: INVALID_DELIVERY_CURSOR },
    });
  return { createdAt, id };
}

/**
 * The delivery log of one endpoint (Settings ▸ Webhooks ▸ endpoint, `GET
 * /api/v1/webhooks/{id}/deliveries`; admins): newest first by keyset on (createdAt, id), `limit` a
 * page, so a delivery queued while someone pages is never shown twice. Each delivery has its event
 * (id, type), state, tries, the last try's HTTP status, duration (ms) and response snippet, and
 * every attempt oldest first. Times are UTC Dates. Returns `{ deliveries, nextCursor }` (null on the
 * last page). Throws 403 for a technician, 404 when the endpoint does not exist, 400
 * `invalid_cursor` for a cursor that is not one of ours.
 */
export async function listWebhookDeliveries(options: { actor: TechnicianActor; input: TListWebhookDeliveriesInput }) {
  requireAdmin(options.actor);
  const { endpointId, limit } = options.input;
  const cursor = options.input.cursor ? decodeCursor(options.input.cursor) : null;
  const prisma = getPrisma();
  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { id: true } });
  if (!endpoint) throw webhookEndpointNotFound();
  const rows = await prisma.webhookDelivery.findMany({
    where: {
      endpointId,
      ...(cursor
        ? {
            OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: DELIVERY_SELECT,
  });
  const deliveries = rows.slice(0, limit);
  const last = deliveries.at(-1);
  return { deliveries, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
