import { getPrisma } from "@helpline/db";
import type { TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { getContactLanguage } from "../languages/get-contact-language.ts";
import { enqueueTicketMail } from "../mail/enqueue-ticket-mail.ts";
import { ticketPortalUrl } from "../portal/portal-links.ts";
import { startTicketSla } from "../sla/start-ticket-sla.ts";
import { firstReplyDueOf } from "./expected-first-reply.ts";
import { requireAssignee } from "./require-assignee.ts";
import { ZNewConsoleTicketInput, type TNewConsoleTicketInput } from "./ticket-input.ts";
import { ticketReceiptMail } from "./ticket-mail.ts";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event.ts";
import { ticketEvent } from "../webhooks/webhook-payloads.ts";

/**
 * A ticket a technician opens in the console (a phone call, a walk-in, a task of their own). The
 * contact, when there is one, must be the customer's, and gets the same receipt as for a ticket
 * they opened themselves (in the contact's language, getContactLanguage); ticket, its SLA (`startTicketSla`), receipt and audit line are one
 * transaction. Opened through the REST API (the actor holds an API key), its source is `api`.
 */
export async function createConsoleTicket(options: {
  actor: TechnicianActor;
  input: TNewConsoleTicketInput;
  publicUrl: string;
}) {
  const input = ZNewConsoleTicketInput.parse(options.input);
  const source = options.actor.apiKey ? "api" : "console";
  return getPrisma().$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: input.customerId }, select: { id: true } });
    if (!customer) throw new DomainError("invalid_customer", "This customer does not exist: choose another one.", 400);
    const contact = input.contactId
      ? await tx.contact.findFirst({
          where: { id: input.contactId, customerId: customer.id },
          select: { id: true, email: true, fullName: true },
        })
      : null;
    if (input.contactId && !contact)
      throw new DomainError("invalid_contact", "This person is not a contact of the chosen customer.", 400);
    const assignee = input.assigneeId ? await requireAssignee(tx, input.assigneeId) : null;

    const ticket = await tx.ticket.create({
      data: {
        customerId: customer.id,
        contactId: contact?.id ?? null,
        title: input.title,
        description: input.description,
        priority: input.priority,
        assigneeId: assignee?.id ?? null,
        source,
        openedById: options.actor.id,
      },
      select: { id: true, number: true, title: true },
    });
    const firstReplyDue = firstReplyDueOf(await startTicketSla(tx, { ticketId: ticket.id, now: new Date() }));
    if (contact) {
      const portalUrl = ticketPortalUrl(options.publicUrl, ticket.number);
      await enqueueTicketMail(tx, {
        ticketId: ticket.id,
        kind: "receipt",
        ...ticketReceiptMail({
          to: contact.email,
          fullName: contact.fullName,
          ticket: { ...ticket, portalUrl },
          firstReplyDue,
          locale: await getContactLanguage({ contactId: contact.id, db: tx }),
        }),
      });
    }
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "ticket.created",
      subject: `ticket:${ticket.id}`,
      data: {
        number: ticket.number,
        source,
        contactId: contact?.id ?? null,
        assigneeId: assignee?.id ?? null,
      },
    });
    await enqueueWebhookEvent(tx, await ticketEvent(tx, "ticket.created", ticket.id));
    return { number: ticket.number, receiptTo: contact?.email ?? null };
  });
}
