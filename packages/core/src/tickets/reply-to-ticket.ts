import { getPrisma } from "@helpline/db";
import type { TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { config } from "../config/config.ts";
import { DomainError } from "../errors.ts";
import { getContactLanguage } from "../languages/get-contact-language.ts";
import { lockTicket } from "./lock-ticket.ts";
import { enqueueTicketMail } from "../mail/enqueue-ticket-mail.ts";
import { notifyReplyOnDevices } from "../notifications/notify-reply-on-devices.ts";
import { ticketPortalUrl } from "../portal/portal-links.ts";
import { refreshTicketSla } from "../sla/refresh-ticket-sla.ts";
import type { TTicketMessageInput } from "./ticket-input.ts";
import { ticketReplyMail } from "./ticket-mail.ts";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event.ts";
import { ticketMessageEvent } from "../webhooks/webhook-payloads.ts";

/**
 * A public reply: added to the conversation, mailed to the ticket's contact (unless they turned
 * reply mails off in the portal's Preferences) and announced on every device where the contact is
 * the confirmed identity of an active profile (the agent's tray notification). The message, the
 * mail in the outbox, the notifications and the audit line land together or not at all. The first
 * public reply sets `firstRespondedAt` (the first-response target is met) and recomputes the SLA.
 * The mail's framing is in the contact's language (getContactLanguage); the reply goes as written.
 */
export async function replyToTicket(options: {
  actor: TechnicianActor;
  input: TTicketMessageInput;
  publicUrl: string;
}) {
  const { actor, input } = options;
  return getPrisma().$transaction(async (tx) => {
    // One message at a time per ticket, so the ticket's updatedAt only ever moves forward.
    await lockTicket(tx, { id: input.ticketId });
    const ticket = await tx.ticket.findUnique({
      where: { id: input.ticketId },
      select: {
        id: true,
        number: true,
        title: true,
        contact: { select: { id: true, email: true, fullName: true, emailOnReplies: true } },
      },
    });
    if (!ticket) throw new DomainError("not_found", "This ticket does not exist.", 404);
    const technician = await tx.technician.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true } });
    const message = await tx.ticketMessage.create({
      data: { ticketId: ticket.id, kind: "reply", authorTechnicianId: actor.id, body: input.body },
      select: { id: true, createdAt: true },
    });
    await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: message.createdAt } });
    // The first public reply meets the first-response target: one guarded UPDATE, so only the
    // first of replies sent at once sets it.
    const first = await tx.ticket.updateMany({
      where: { id: ticket.id, firstRespondedAt: null },
      data: { firstRespondedAt: message.createdAt },
    });
    if (first.count > 0) await refreshTicketSla(tx, { ticketId: ticket.id, now: message.createdAt });
    if (ticket.contact) {
      await notifyReplyOnDevices(tx, {
        contactId: ticket.contact.id,
        ticketNumber: ticket.number,
        title: ticket.title,
        from: technician.name,
        at: message.createdAt,
      });
    }
    // The reply is always in the portal; the mail follows the contact's preference.
    const contact = ticket.contact?.emailOnReplies ? ticket.contact : null;
    if (contact) {
      const portalUrl = ticketPortalUrl(options.publicUrl, ticket.number);
      await enqueueTicketMail(tx, {
        ticketId: ticket.id,
        kind: "reply",
        ticketMessageId: message.id,
        ...ticketReplyMail({
          to: contact.email,
          fullName: contact.fullName,
          technicianName: technician.name,
          body: input.body,
          ticket: { number: ticket.number, title: ticket.title, portalUrl },
          answerByMail: receivesMail(),
          locale: await getContactLanguage({ contactId: contact.id, db: tx }),
        }),
      });
    }
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(actor),
      action: "ticket.replied",
      subject: `ticket:${ticket.id}`,
      data: { number: ticket.number, message: message.id, ...(contact ? { email: contact.email } : {}) },
    });
    await enqueueWebhookEvent(tx, await ticketMessageEvent(tx, message.id));
    return {
      messageId: message.id,
      sentTo: contact?.email ?? null,
      contactMutedMail: Boolean(ticket.contact && !contact),
    };
  });
}

/** Whether a contact's answer by mail reaches Helpline: an IMAP mailbox or the inbound SMTP listener is on. */
function receivesMail(): boolean {
  const { imap, smtp } = config().inbound;
  return imap !== null || smtp !== null;
}
