import type { Prisma } from "@helpline/db";
import { DomainError } from "../errors.ts";
import type { WebhookEventType } from "./webhook-event-types.ts";

/**
 * What Settings ▸ Webhooks and the API show of an endpoint: never its secret (revealWebhookSecret
 * reads it, audited). `state` is `disabled` when it is switched off (by an admin, or by the sender
 * after three days of failures: `disabledAt`, `disabledReason`), `failing` when deliveries have
 * failed since `failingSince` with no success since, else `active`. `lastDelivery` is its newest
 * delivery (null: none yet).
 */
export const WEBHOOK_ENDPOINT_SELECT = {
  id: true,
  url: true,
  description: true,
  events: true,
  enabled: true,
  disabledAt: true,
  disabledReason: true,
  failingSince: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
  deliveries: {
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 1,
    select: { id: true, status: true, lastStatus: true, lastAttemptAt: true, createdAt: true },
  },
} satisfies Prisma.WebhookEndpointSelect;

type WebhookEndpointRow = Prisma.WebhookEndpointGetPayload<{ select: typeof WEBHOOK_ENDPOINT_SELECT }>;

export type WebhookEndpointState = "active" | "failing" | "disabled";

export function toWebhookEndpoint({ deliveries, events, ...row }: WebhookEndpointRow) {
  const state: WebhookEndpointState = !row.enabled ? "disabled" : row.failingSince ? "failing" : "active";
  return {
    ...row,
    // Written only through ZWebhookEventType (the column is text[] so types can be added without a migration).
    events: events as WebhookEventType[],
    state,
    lastDelivery: deliveries[0] ?? null,
  };
}

export type WebhookEndpoint = ReturnType<typeof toWebhookEndpoint>;

export function webhookEndpointNotFound(): DomainError {
  return new DomainError("not_found", "This webhook endpoint no longer exists.", 404);
}
