import { getPrisma } from "@helpline/db";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { getContactLanguage } from "../languages/get-contact-language.ts";
import { enqueueTicketMail } from "../mail/enqueue-ticket-mail.ts";
import { startTicketSla } from "../sla/start-ticket-sla.ts";
import { decodeAttachments } from "../tickets/attachment-content.ts";
import { ticketPortalUrl } from "./portal-links.ts";
import { firstReplyDueOf } from "../tickets/expected-first-reply.ts";
import { ticketReceiptMail } from "../tickets/ticket-mail.ts";
import type { PortalContact } from "./portal-contact.ts";
import { ZPortalNewTicketInput, type TPortalNewTicketInput } from "./portal-input.ts";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event.ts";
import { ticketEvent } from "../webhooks/webhook-payloads.ts";

/**
 * New ticket from the Customer Portal: the contact's own, with its files, SLA, receipt (in the
 * contact's language, getContactLanguage) and audit line.
 */
export async function createPortalTicket(options: {
  contact: PortalContact;
  input: TPortalNewTicketInput;
  publicUrl: string;
}) {
  const { contact } = options;
  const input = ZPortalNewTicketInput.parse(options.input);
  const attachments = decodeAttachments(input.attachments);
  return getPrisma().$transaction(async (tx) => {
    const ticket = await tx.ticket.create({
      data: {
        customerId: contact.customerId,
        contactId: contact.id,
        title: input.title,
        description: input.description,
        source: "portal",
        attachments: { create: attachments },
      },
      select: { id: true, number: true, title: true },
    });
    const firstReplyDue = firstReplyDueOf(await startTicketSla(tx, { ticketId: ticket.id, now: new Date() }));
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
    await recordAuditEvent(tx, {
      actor: { type: "contact", id: contact.id },
      action: "ticket.created",
      subject: `ticket:${ticket.id}`,
      data: { number: ticket.number, source: "portal", attachments: attachments.length },
    });
    await enqueueWebhookEvent(tx, await ticketEvent(tx, "ticket.created", ticket.id));
    return { number: ticket.number, portalUrl };
  });
}
