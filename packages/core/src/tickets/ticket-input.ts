// What the console sends about tickets, parsed at the edge (server actions, route handlers) and
// trusted by the services. Error messages are the ones shown next to the field.
import { STORABLE_TEXT, TICKET_PRIORITIES, TICKET_STATUSES, type TTicketStatus } from "@helpline/protocol";
import { z } from "zod";
import { ZTicketCursor } from "./ticket-cursor.ts";
import { ticketText as text } from "./ticket-text.ts";

const MAX_TICKET_MESSAGE_CHARS = 20_000;

/** A reply or an internal note written in the console. */
export const ZTicketMessageInput = z.object({
  ticketId: z.uuid("Unknown ticket."),
  body: z
    .string()
    .trim()
    .min(1, "Write a message first.")
    .max(MAX_TICKET_MESSAGE_CHARS, `Use at most ${MAX_TICKET_MESSAGE_CHARS.toLocaleString("en")} characters.`)
    .regex(STORABLE_TEXT, "Use printable characters."),
});
export type TTicketMessageInput = z.infer<typeof ZTicketMessageInput>;

/**
 * What a technician opens the desk to: the tickets still waiting on someone (Open + Pending), as
 * Atera's and NinjaOne's default ticket views do. Resolved and closed ones are one filter away.
 */
export const UNRESOLVED_STATUSES: TTicketStatus[] = ["open", "pending"];

// The URL form: absent = Unresolved, "all", one status, or several joined by commas.
const ZStatusFilter = z.preprocess(
  (value) => (value === "all" ? [...TICKET_STATUSES] : typeof value === "string" ? value.split(",") : value),
  z.array(z.enum(TICKET_STATUSES)).min(1).max(TICKET_STATUSES.length),
);

/**
 * The Tickets list's SLA filter, on the running target (first response until met, then
 * resolution): `breached` past its due time, `due_soon` past its warning time but not yet due,
 * `on_track` before its warning time. Tickets without a running clock (Pending, stopped, no SLA)
 * match none.
 */
export const SLA_FILTERS = ["breached", "due_soon", "on_track"] as const;
export type TSlaFilter = (typeof SLA_FILTERS)[number];

/**
 * The Tickets list's URL filters; `sort` is `updated` (latest activity first) or `due` (soonest due
 * time first, tickets without one last); `cursor` is an opaque keyset position from a previous page
 * of the same sort.
 */
export const ZListTicketsInput = z.object({
  status: ZStatusFilter.default(UNRESOLVED_STATUSES),
  // A customer's id, or "unassigned": the triage list of tickets from unknown senders' mail.
  customerId: z.union([z.literal("unassigned"), z.uuid()]).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  // A technician's id, the caller ("me"), or nobody ("unassigned").
  assignee: z.union([z.literal("me"), z.literal("unassigned"), z.uuid()]).optional(),
  search: z.string().trim().max(200).regex(STORABLE_TEXT).default(""),
  sla: z.enum(SLA_FILTERS).optional(),
  sort: z.enum(["updated", "due"]).default("updated"),
  cursor: ZTicketCursor.optional(),
});
export type TListTicketsInput = z.infer<typeof ZListTicketsInput>;

/** A ticket by the number people see ("#1042"), from the URL. */
export const ZGetTicketInput = z.object({ number: z.coerce.number().int().min(1).max(2_147_483_647) });
export type TGetTicketInput = z.infer<typeof ZGetTicketInput>;

/** One attachment download: both ids, so an attachment id never opens another ticket's file. */
export const ZTicketAttachmentRef = z.object({
  ticketId: z.uuid("Unknown ticket."),
  attachmentId: z.uuid("Unknown attachment."),
});
export type TTicketAttachmentRef = z.infer<typeof ZTicketAttachmentRef>;

/** A ticket a technician opens in the console; defaults: no contact, medium priority, unassigned. */
export const ZNewConsoleTicketInput = z.object({
  customerId: z.uuid("Choose a customer."),
  // A ticket taken on the phone is usually for someone; one about the customer as a whole is not.
  contactId: z.uuid("Unknown contact.").nullable().default(null),
  title: text(200, "The title").min(1, "Give the ticket a title."),
  description: text(20_000, "The description").default(""),
  priority: z.enum(TICKET_PRIORITIES).default("medium"),
  assigneeId: z.uuid("Unknown technician.").nullable().default(null),
});
export type TNewConsoleTicketInput = z.input<typeof ZNewConsoleTicketInput>;

/** The ticket page's side panel: status, priority or assignee; absent fields stay as they are. */
export const ZUpdateTicketInput = z.object({
  ticketId: z.uuid("Unknown ticket."),
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  // null unassigns; absent leaves the assignee as it is.
  assigneeId: z.uuid("Unknown technician.").nullable().optional(),
});
export type TUpdateTicketInput = z.infer<typeof ZUpdateTicketInput>;

/** Tickets ▸ Unassigned customers ▸ File under customer. */
export const ZAssignTicketCustomerInput = z.object({
  ticketId: z.uuid("Unknown ticket."),
  customerId: z.uuid("Choose a customer."),
});
export type TAssignTicketCustomerInput = z.infer<typeof ZAssignTicketCustomerInput>;
