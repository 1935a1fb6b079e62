import type { Prisma } from "@helpline/db";
import { z } from "zod";
import { publicUrl } from "../links/public-url.ts";
import { withoutTrailingSlashes } from "../links/without-trailing-slashes.ts";
import type { WebhookEventType } from "./webhook-event-types.ts";

/**
 * The `data` of each webhook event, as receivers get it (public: add fields, never rename or drop
 * one). Ids are UUIDs; `url` opens the ticket in the console (HELPLINE_PUBLIC_URL, else localhost).
 * The body sent is `{ id, type, createdAt, data }`, `createdAt` an ISO 8601 UTC instant.
 */
const ZNamed = z.object({ id: z.string(), name: z.string() });
export const ZWebhookTicket = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  status: z.enum(["open", "pending", "resolved", "closed"]),
  priority: z.enum(["low", "medium", "high", "critical"]),
  customer: ZNamed.nullable(),
  assignee: ZNamed.nullable(),
  url: z.string(),
});
export type TWebhookTicket = z.infer<typeof ZWebhookTicket>;
const ZTicketData = z.object({ ticket: ZWebhookTicket });
const ZMessageData = z.object({
  ticket: ZWebhookTicket,
  message: z.object({ id: z.string(), authorKind: z.enum(["technician", "contact"]), body: z.string() }),
});
const ZDevice = z.object({ id: z.string(), hostname: z.string(), customer: ZNamed });
const ZHelpdeskData = z.object({
  device: ZDevice,
  profile: z.object({ id: z.string(), name: z.string() }),
});
// `dueAt`: when the target is (warning) or was (breach) due, ISO 8601 UTC.
const ZSlaData = z.object({
  ticket: ZWebhookTicket,
  target: z.enum(["first_response", "resolution"]),
  dueAt: z.iso.datetime(),
});

export const ZWebhookPayloadData = {
  "ticket.created": ZTicketData,
  "ticket.updated": ZTicketData,
  "ticket.replied": ZMessageData,
  "ticket.note_added": ZMessageData,
  "contact.confirmed": z.object({
    contact: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    customer: ZNamed,
    device: z.object({ id: z.string(), hostname: z.string() }),
    profile: z.object({ id: z.string(), name: z.string() }),
  }),
  "device.enrolled": z.object({ device: ZDevice }),
  "device.offline": z.object({ device: ZDevice }),
  "helpdesk.activated": ZHelpdeskData,
  "helpdesk.deactivated": ZHelpdeskData,
  "sla.warning": ZSlaData,
  "sla.breached": ZSlaData,
} satisfies Record<WebhookEventType, z.ZodType>;

export type TWebhookPayloadData<T extends WebhookEventType> = z.infer<(typeof ZWebhookPayloadData)[T]>;

/** `webhook.test`'s data: says what it is, so a receiver's log is not puzzling. */
export const ZWebhookTestData = z.object({ message: z.string() });

/** A typed event for enqueueWebhookEvent: its data checked against its type's schema. */
function event<T extends WebhookEventType>(type: T, data: TWebhookPayloadData<T>): { type: T; data: object } {
  return { type, data: ZWebhookPayloadData[type].parse(data) };
}

/**
 * Whether some enabled endpoint subscribes to one of `types`: every builder asks first, so that a
 * write reads nothing more for its payload (and an operation on thousands of rows nothing at all)
 * when nobody listens. Endpoints are a handful of rows.
 */
async function isSubscribed(tx: Prisma.TransactionClient, ...types: WebhookEventType[]): Promise<boolean> {
  return (await tx.webhookEndpoint.count({ where: { enabled: true, events: { hasSome: types } }, take: 1 })) > 0;
}

/** The ticket as webhook payloads show it, read inside the caller's transaction. */
async function webhookTicket(tx: Prisma.TransactionClient, ticketId: string): Promise<TWebhookTicket> {
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    select: {
      id: true,
      number: true,
      title: true,
      status: true,
      priority: true,
      customer: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
    },
  });
  const consoleUrl = withoutTrailingSlashes(publicUrl({ protocol: "http", host: null }));
  return { ...ticket, url: `${consoleUrl}/tickets/${ticket.number}` };
}

/** `ticket.created` / `ticket.updated` for the ticket `ticketId` as it is now in `tx`; null when nobody subscribes. */
export async function ticketEvent(
  tx: Prisma.TransactionClient,
  type: "ticket.created" | "ticket.updated",
  ticketId: string,
) {
  if (!(await isSubscribed(tx, type))) return null;
  return event(type, { ticket: await webhookTicket(tx, ticketId) });
}

/**
 * `ticket.replied` (a public reply, by a technician or the contact) or `ticket.note_added` for one
 * message; null when nobody subscribes to either.
 */
export async function ticketMessageEvent(tx: Prisma.TransactionClient, messageId: string) {
  if (!(await isSubscribed(tx, "ticket.replied", "ticket.note_added"))) return null;
  const message = await tx.ticketMessage.findUniqueOrThrow({
    where: { id: messageId },
    select: { id: true, ticketId: true, kind: true, body: true, authorTechnicianId: true },
  });
  const data = {
    ticket: await webhookTicket(tx, message.ticketId),
    message: {
      id: message.id,
      // A reply by mail from a requester who is not (yet) a contact has neither author: it is the contact side.
      authorKind: message.authorTechnicianId ? ("technician" as const) : ("contact" as const),
      body: message.body,
    },
  };
  return message.kind === "note" ? event("ticket.note_added", data) : event("ticket.replied", data);
}

async function webhookDevice(tx: Prisma.TransactionClient, deviceId: string) {
  return tx.device.findUniqueOrThrow({
    where: { id: deviceId },
    select: { id: true, hostname: true, customer: { select: { id: true, name: true } } },
  });
}

/** `device.enrolled` / `device.offline` for one device; null when nobody subscribes. */
export async function deviceEvent(
  tx: Prisma.TransactionClient,
  type: "device.enrolled" | "device.offline",
  deviceId: string,
) {
  if (!(await isSubscribed(tx, type))) return null;
  return event(type, { device: await webhookDevice(tx, deviceId) });
}

/**
 * `helpdesk.activated` / `helpdesk.deactivated` for every user profile `where` selects, read in one
 * query (for enqueueWebhookEvents); none when no endpoint subscribes to the type.
 */
export async function helpdeskEvents(
  tx: Prisma.TransactionClient,
  where: Prisma.DeviceProfileWhereInput,
  active: boolean,
) {
  const type = active ? "helpdesk.activated" : "helpdesk.deactivated";
  if (!(await isSubscribed(tx, type))) return [];
  const profiles = await tx.deviceProfile.findMany({
    where,
    select: {
      id: true,
      name: true,
      device: { select: { id: true, hostname: true, customer: { select: { id: true, name: true } } } },
    },
  });
  return profiles.map((profile) =>
    event(type, { device: profile.device, profile: { id: profile.id, name: profile.name } }),
  );
}

/** `contact.confirmed`: the contact who confirmed their identity on a device's user profile; null when nobody subscribes. */
export async function contactConfirmedEvent(tx: Prisma.TransactionClient, profileId: string) {
  if (!(await isSubscribed(tx, "contact.confirmed"))) return null;
  const profile = await tx.deviceProfile.findUniqueOrThrow({
    where: { id: profileId },
    select: {
      id: true,
      name: true,
      device: { select: { id: true, hostname: true } },
      contact: { select: { id: true, fullName: true, email: true, customer: { select: { id: true, name: true } } } },
    },
  });
  const contact = profile.contact!;
  return event("contact.confirmed", {
    contact: { id: contact.id, name: contact.fullName, email: contact.email },
    customer: contact.customer,
    device: profile.device,
    profile: { id: profile.id, name: profile.name },
  });
}

/** `sla.warning` / `sla.breached` for one target of a ticket, as the SLA scheduler alerts it; null when nobody subscribes. */
export async function slaEvent(
  tx: Prisma.TransactionClient,
  alert: { kind: "warning" | "breach"; ticketId: string; target: "first_response" | "resolution"; dueAt: Date },
) {
  const type = alert.kind === "warning" ? "sla.warning" : "sla.breached";
  if (!(await isSubscribed(tx, type))) return null;
  return event(type, {
    ticket: await webhookTicket(tx, alert.ticketId),
    target: alert.target,
    dueAt: alert.dueAt.toISOString(),
  });
}
