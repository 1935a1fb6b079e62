import {
  addTicketNote,
  assignTicketCustomer,
  createConsoleTicket,
  DomainError,
  getTicket,
  listTickets,
  publicUrl,
  replyToTicket,
  SLA_FILTERS,
  updateTicket,
  ZAssignTicketCustomerInput,
  ZListTicketsInput,
  ZNewConsoleTicketInput,
  ZTicketMessageInput,
  ZUpdateTicketInput,
} from "@helpline/core";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "@helpline/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { apiErrors, page, ZApiTime, ZIdParams, ZPageQuery } from "../api-schemas.ts";

const ZRef = z.object({ id: z.uuid(), name: z.string() });

const ZApiTicketSummary = z
  .object({
    id: z.uuid(),
    number: z.number().int().describe("The number people see, as in #1042."),
    title: z.string(),
    status: z.enum(TICKET_STATUSES),
    priority: z.enum(TICKET_PRIORITIES),
    customer: ZRef.nullable().describe("Null: a ticket from an unknown sender's mail, not yet filed under a customer."),
    contact: z.object({ name: z.string(), email: z.string().nullable() }).nullable(),
    requester: z
      .object({ name: z.string().nullable(), email: z.string().nullable() })
      .nullable()
      .describe("Who wrote in when no contact is known yet (a mail from an unknown sender)."),
    device: z.object({ id: z.uuid(), hostname: z.string() }).nullable(),
    assignee: ZRef.nullable(),
    updatedAt: ZApiTime,
    slaDueAt: ZApiTime.nullable().describe("When the running SLA target is due; null when no clock runs."),
  })
  .meta({ id: "TicketSummary" });

const ZApiMessage = z
  .object({
    id: z.uuid(),
    kind: z
      .enum(["reply", "note"])
      .describe("`reply`: public, seen and mailed to the contact. `note`: technicians only."),
    body: z.string(),
    createdAt: ZApiTime,
    author: z
      .object({ type: z.enum(["technician", "contact", "sender"]), name: z.string() })
      .nullable()
      .describe("`sender`: the From of a mail whose sender is not a contact."),
  })
  .meta({ id: "TicketMessage" });

const ZApiTicket = ZApiTicketSummary.extend({
  description: z.string(),
  source: z.string().describe("Where it was opened: agent, portal, console, email or api."),
  createdAt: ZApiTime,
  messages: z.array(ZApiMessage).describe("The conversation, oldest first."),
  attachments: z.array(
    z.object({
      id: z.uuid(),
      messageId: z.uuid().nullable(),
      name: z.string(),
      contentType: z.string(),
      size: z.number().int(),
    }),
  ),
}).meta({ id: "Ticket" });

const ZListTicketsQuery = ZPageQuery.extend({
  status: z
    .string()
    .optional()
    .describe(
      `One status, several joined by commas, or \`all\` (${TICKET_STATUSES.join(", ")}); default open,pending.`,
    ),
  customerId: z.string().optional().describe("A customer's id, or `unassigned`."),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  assignee: z.string().optional().describe("A technician's id, `me` (the key's technician) or `unassigned`."),
  search: z.string().max(200).optional().describe("Words in the title, the description or the number."),
  sla: z.enum(SLA_FILTERS).optional(),
  sort: z
    .enum(["updated", "due"])
    .default("updated")
    .describe("`updated`: latest activity first. `due`: soonest SLA due time first."),
});

// The console's own input schemas, so the API refuses exactly what the console refuses.
const ZUpdateTicketBody = ZUpdateTicketInput.omit({ ticketId: true })
  .extend({
    customerId: ZAssignTicketCustomerInput.shape.customerId
      .optional()
      .describe("Files a ticket from an unknown sender's mail under a customer."),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), "Send at least one field to change.");

const ZMessageBody = ZTicketMessageInput.omit({ ticketId: true });

type TicketView = NonNullable<Awaited<ReturnType<typeof getTicket>>>;
type TicketRow = Awaited<ReturnType<typeof listTickets>>["tickets"][number];

const summary = (ticket: TicketRow) => ({
  id: ticket.id,
  number: ticket.number,
  title: ticket.title,
  status: ticket.status,
  priority: ticket.priority,
  customer: ticket.customer,
  contact: ticket.contact ? { name: ticket.contact.fullName, email: ticket.contact.email } : null,
  requester:
    ticket.requesterName || ticket.requesterEmail ? { name: ticket.requesterName, email: ticket.requesterEmail } : null,
  device: ticket.device,
  assignee: ticket.assignee,
  updatedAt: ticket.updatedAt,
  slaDueAt: ticket.slaDueAt,
});

const ticketView = (ticket: TicketView) => ({
  ...summary({ ...ticket, slaDueAt: ticket.slaDueAt, slaWarnAt: null, hasSla: false }),
  description: ticket.description,
  source: ticket.source,
  createdAt: ticket.createdAt,
  messages: ticket.messages.map((message) => ({
    id: message.id,
    kind: message.kind,
    body: message.body,
    createdAt: message.createdAt,
    author: message.author,
  })),
  attachments: ticket.attachments.map(({ id, messageId, name, contentType, size }) => ({
    id,
    messageId,
    name,
    contentType,
    size,
  })),
});

async function requireTicket(id: string): Promise<TicketView> {
  const ticket = await getTicket({ id });
  if (!ticket) throw new DomainError("not_found", "No ticket with this id.", 404);
  return ticket;
}

// Links in the mails a write sends (ticket receipts, replies) point at the configured public address.
const mailBaseUrl = (request: FastifyRequest) =>
  publicUrl({ protocol: request.protocol, host: request.host }, { forMail: true });

/**
 * Tickets in the REST API: the same services as the console's desk (packages/core/src/tickets),
 * acting as the key's technician; every write is audited with the key's name. `onMailQueued`
 * wakes the mail outbox when a write queued mail (a reply, a receipt).
 */
export function ticketRoutes(options: { onMailQueued: () => void }): FastifyPluginAsyncZod {
  return async (api) => {
    api.get(
      "/tickets",
      {
        config: { scope: "tickets:read" },
        schema: {
          operationId: "listTickets",
          tags: ["Tickets"],
          summary: "List tickets",
          description: "Filtered like the console's Tickets list; latest activity first unless `sort=due`.",
          querystring: ZListTicketsQuery,
          response: { 200: page(ZApiTicketSummary), ...apiErrors(400) },
        },
      },
      async (request) => {
        const { limit, ...filters } = request.query;
        const input = ZListTicketsInput.parse({ ...filters, search: filters.search ?? "" });
        const result = await listTickets({ actor: request.api.actor, input, pageSize: limit, refuseBadCursor: true });
        return { data: result.tickets.map(summary), nextCursor: result.nextCursor };
      },
    );

    api.post(
      "/tickets",
      {
        config: { scope: "tickets:write" },
        schema: {
          operationId: "createTicket",
          tags: ["Tickets"],
          summary: "Open a ticket",
          description:
            "As New ticket in the console: for a customer, optionally for one of its contacts (who gets a receipt).",
          body: ZNewConsoleTicketInput,
          response: { 201: ZApiTicket, ...apiErrors(400, 404, 409) },
        },
      },
      async (request, reply) => {
        const created = await createConsoleTicket({
          actor: request.api.actor,
          input: request.body,
          publicUrl: mailBaseUrl(request),
        });
        if (created.receiptTo) options.onMailQueued();
        const ticket = await getTicket({ input: { number: created.number } });
        return reply.code(201).send(ticketView(ticket!));
      },
    );

    api.get(
      "/tickets/:id",
      {
        config: { scope: "tickets:read" },
        schema: {
          operationId: "getTicket",
          tags: ["Tickets"],
          summary: "Get a ticket with its conversation",
          params: ZIdParams,
          response: { 200: ZApiTicket, ...apiErrors(400, 404) },
        },
      },
      async (request) => ticketView(await requireTicket(request.params.id)),
    );

    api.patch(
      "/tickets/:id",
      {
        config: { scope: "tickets:write" },
        schema: {
          operationId: "updateTicket",
          tags: ["Tickets"],
          summary: "Change a ticket's status, priority, assignee or customer",
          params: ZIdParams,
          body: ZUpdateTicketBody,
          response: { 200: ZApiTicket, ...apiErrors(400, 404, 409) },
        },
      },
      async (request) => {
        const { customerId, ...changes } = request.body;
        const actor = request.api.actor;
        if (customerId) await assignTicketCustomer({ actor, input: { ticketId: request.params.id, customerId } });
        if (Object.values(changes).some((value) => value !== undefined))
          await updateTicket({ actor, input: { ticketId: request.params.id, ...changes } });
        return ticketView(await requireTicket(request.params.id));
      },
    );

    api.post(
      "/tickets/:id/replies",
      {
        config: { scope: "tickets:write" },
        schema: {
          operationId: "replyToTicket",
          tags: ["Tickets"],
          summary: "Reply to the contact",
          description: "A public message: shown in the portal and on the device, and mailed to the contact.",
          params: ZIdParams,
          body: ZMessageBody,
          response: { 201: ZApiMessage, ...apiErrors(400, 404, 409) },
        },
      },
      async (request, reply) => {
        const result = await replyToTicket({
          actor: request.api.actor,
          input: { ticketId: request.params.id, body: request.body.body },
          publicUrl: mailBaseUrl(request),
        });
        if (result.sentTo) options.onMailQueued();
        return reply.code(201).send(await messageOf(request.params.id, result.messageId));
      },
    );

    api.post(
      "/tickets/:id/notes",
      {
        config: { scope: "tickets:write" },
        schema: {
          operationId: "addTicketNote",
          tags: ["Tickets"],
          summary: "Add an internal note",
          description: "Technicians only: never shown or mailed to the contact.",
          params: ZIdParams,
          body: ZMessageBody,
          response: { 201: ZApiMessage, ...apiErrors(400, 404) },
        },
      },
      async (request, reply) => {
        const result = await addTicketNote({
          actor: request.api.actor,
          input: { ticketId: request.params.id, body: request.body.body },
        });
        return reply.code(201).send(await messageOf(request.params.id, result.messageId));
      },
    );
  };
}

async function messageOf(ticketId: string, messageId: string) {
  const message = ticketView(await requireTicket(ticketId)).messages.find((candidate) => candidate.id === messageId);
  if (!message) throw new DomainError("not_found", "No such message.", 404);
  return message;
}
