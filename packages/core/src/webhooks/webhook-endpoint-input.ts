import { STORABLE_TEXT } from "@helpline/protocol";
import { z } from "zod";
import { ZWebhookEventType } from "./webhook-event-types.ts";

/**
 * The inputs of Settings ▸ Webhooks and of `/api/v1/webhooks`. The URL is only shaped here (trimmed,
 * ≤ 2,000 characters): whether it may be used depends on HELPLINE_WEBHOOKS_ALLOW_PRIVATE, so the
 * services check it with validateWebhookUrl when they save it.
 */

export const WEBHOOK_URL_MAX_LENGTH = 2000;

const ZWebhookUrl = z
  .string()
  .trim()
  .min(1, "Enter the endpoint's URL.")
  .max(WEBHOOK_URL_MAX_LENGTH, `Use at most ${WEBHOOK_URL_MAX_LENGTH.toLocaleString("en")} characters.`);

const ZDescription = z
  .string()
  .trim()
  .max(200, "Use at most 200 characters.")
  .regex(STORABLE_TEXT, "Use printable characters.");

/** At least one event, each once (the database keeps the list as given). */
const ZEvents = z
  .array(ZWebhookEventType)
  .min(1, "Choose at least one event.")
  .refine((events) => new Set(events).size === events.length, "Choose each event once.");

const ZEndpointId = z.uuid("Unknown webhook endpoint.");

export const ZCreateWebhookEndpointInput = z.object({
  url: ZWebhookUrl,
  description: ZDescription.default(""),
  events: ZEvents,
});
export type TCreateWebhookEndpointInput = z.infer<typeof ZCreateWebhookEndpointInput>;

/** Any of the fields to change; `enabled: true` also clears an automatic disabling and the failing state. */
export const ZUpdateWebhookEndpointInput = z.object({
  endpointId: ZEndpointId,
  url: ZWebhookUrl.optional(),
  description: ZDescription.optional(),
  events: ZEvents.optional(),
  enabled: z.boolean().optional(),
});
export type TUpdateWebhookEndpointInput = z.infer<typeof ZUpdateWebhookEndpointInput>;

export const ZWebhookEndpointRef = z.object({ endpointId: ZEndpointId });
export type TWebhookEndpointRef = z.infer<typeof ZWebhookEndpointRef>;

export const ZWebhookDeliveryRef = z.object({ endpointId: ZEndpointId, deliveryId: z.uuid("Unknown delivery.") });
export type TWebhookDeliveryRef = z.infer<typeof ZWebhookDeliveryRef>;

export const INVALID_DELIVERY_CURSOR = "This page link is not valid. Start again from the first page.";

/** A page of an endpoint's delivery log: `limit` 1–100 (25), `cursor` as the previous page returned it. */
export const ZListWebhookDeliveriesInput = z.object({
  endpointId: ZEndpointId,
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z
    .string()
    .max(200, INVALID_DELIVERY_CURSOR)
    .regex(/^[A-Za-z0-9_-]+$/, INVALID_DELIVERY_CURSOR)
    .optional(),
});
export type TListWebhookDeliveriesInput = z.infer<typeof ZListWebhookDeliveriesInput>;
