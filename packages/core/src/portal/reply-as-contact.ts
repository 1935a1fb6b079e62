import { getPrisma } from "@helpline/db";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { recordTicketStatus } from "../sla/record-ticket-status.ts";
import { refreshTicketSla } from "../sla/refresh-ticket-sla.ts";
import { lockTicket } from "../tickets/lock-ticket.ts";
import { notifyContactReply } from "../tickets/notify-contact-reply.ts";
import { portalTicketScope, type PortalContact } from "./portal-contact.ts";
import type { TPortalReplyInput } from "./portal-input.ts";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event.ts";
import { ticketMessageEvent } from "../webhooks/webhook-payloads.ts";

/**
 * The contact answers in the portal: the reply joins the conversation, goes by mail to the
 * assignee (or to every technician while nobody is assigned), and a ticket waiting on the contact
 * (Pending) or marked Resolved is open again (status history and SLA clocks follow). A closed
 * ticket must be reopened first.
 */
export async function replyAsContact(options: {
  contact: PortalContact;
  input: TPortalReplyInput;
  consoleUrl: string | null;
}) {
  const { contact, input } = options;
  return getPrisma().$transaction(async (tx) => {
    await lockTicket(tx, { number: input.number });
    const ticket = await tx.ticket.findFirst({
      where: { number: input.number, ...portalTicketScope(contact) },
      select: {
        id: true,
        number: true,
        title: true,
        status: true,
      },
    });
    if (!ticket) throw new DomainError("not_found", "This ticket does not exist.", 404);
    if (ticket.status === "closed")
      throw new DomainError("ticket_closed", "This ticket is closed. Reopen it to reply.", 409);
    const message = await tx.ticketMessage.create({
      data: { ticketId: ticket.id, kind: "reply", authorContactId: contact.id, body: input.body },
      select: { id: true, createdAt: true },
    });
    const reopen = ticket.status === "pending" || ticket.status === "resolved";
    await tx.ticket.update({
      where: { id: ticket.id },
      data: { updatedAt: message.createdAt, ...(reopen ? { status: "open" } : {}) },
    });
    if (reopen) {
      await recordTicketStatus(tx, { ticketId: ticket.id, status: "open", at: message.createdAt });
      await refreshTicketSla(tx, { ticketId: ticket.id, now: message.createdAt });
    }
    const notified = await notifyContactReply(tx, {
      ticket,
      contactName: contact.fullName,
      body: input.body,
      consoleUrl: options.consoleUrl,
    });
    await recordAuditEvent(tx, {
      actor: { type: "contact", id: contact.id },
      action: "ticket.contact_replied",
      subject: `ticket:${ticket.id}`,
      data: {
        number: ticket.number,
        message: message.id,
        notified,
        ...(reopen ? { changes: { status: { from: ticket.status, to: "open" } } } : {}),
      },
    });
    await enqueueWebhookEvent(tx, await ticketMessageEvent(tx, message.id));
    return { messageId: message.id, reopened: reopen };
  });
}
