import { z } from "zod";

/**
 * The events a webhook endpoint can subscribe to, each with the sentence Settings ▸ Webhooks
 * shows. Public names (receivers switch on them): add, never rename. `ticket.replied` is a public
 * message on a ticket (a technician's reply or the contact's); a note is `ticket.note_added`.
 */
export const WEBHOOK_EVENT_TYPES = {
  "ticket.created": "A ticket was opened (console, portal, agent, mail or API)",
  "ticket.updated": "A ticket's status, priority, assignee or customer changed",
  "ticket.replied": "A public message was added to a ticket",
  "ticket.note_added": "A technician added an internal note",
  "contact.confirmed": "A person confirmed their identity on a device",
  "device.enrolled": "A device enrolled",
  "device.offline": "A device stopped checking in",
  "helpdesk.activated": "The helpdesk was activated for a user profile",
  "helpdesk.deactivated": "The helpdesk was deactivated for a user profile",
  "sla.warning": "A ticket's SLA target is close",
  "sla.breached": "A ticket's SLA target passed",
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;
export const WEBHOOK_EVENT_TYPE_NAMES = Object.keys(WEBHOOK_EVENT_TYPES) as [WebhookEventType, ...WebhookEventType[]];
export const ZWebhookEventType = z.enum(WEBHOOK_EVENT_TYPE_NAMES);
/** `webhook.test`: only sent by Send test event, to one endpoint, whatever it subscribes to. */
export const WEBHOOK_TEST_EVENT = "webhook.test";
