import type { Prisma } from "@helpline/db";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { config } from "../config/config.ts";
import { recordTicketStatus } from "../sla/record-ticket-status.ts";
import { refreshTicketSla } from "../sla/refresh-ticket-sla.ts";
import { lockTicket } from "../tickets/lock-ticket.ts";
import { notifyContactReply } from "../tickets/notify-contact-reply.ts";
import { mailMessageBody, rememberMessageId } from "./create-mail-ticket.ts";
import type { Decision, Filing } from "./file-mail.ts";
import { keepMailAttachments } from "./mail-attachments.ts";
import type { SenderContact } from "./mail-sender.ts";
import { openMailTicket, strangerCapped } from "./open-mail-ticket.ts";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event.ts";
import { ticketMessageEvent } from "../webhooks/webhook-payloads.ts";

/**
 * Files a mail on the ticket it continues (`matched`, from `findMailTicket`). A person's reply is
 * mailed to the assignee and reopens a Pending or Resolved ticket, as a portal reply does; to a
 * Closed ticket it opens a follow-up ticket (`followUpOfId`; an unknown sender's counts against
 * STRANGER_TICKETS_PER_SENDER_PER_HOUR). Automatic mail (`automatic`: why it is) is stored on its
 * ticket, even a Closed one, without reopening it or telling anyone.
 */
export async function fileMailReply(
  tx: Prisma.TransactionClient,
  options: {
    filing: Filing;
    sender: string;
    matched: { id: string; contact: SenderContact | null };
    automatic: string | null;
  },
): Promise<Decision> {
  const { filing, sender, matched, automatic } = options;
  await lockTicket(tx, { id: matched.id });
  // Read after the lock: a status change committed meanwhile decides what this mail does.
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: matched.id },
    select: {
      id: true,
      number: true,
      title: true,
      status: true,
      customerId: true,
      requesterEmail: true,
      requesterName: true,
    },
  });
  if (automatic || ticket.status !== "closed") {
    return appendMail(tx, { filing, ticket, contact: matched.contact, automatic });
  }
  if (!matched.contact) {
    const capped = await strangerCapped(tx, sender, filing.now);
    if (capped) return capped;
  }
  const followUp = await openMailTicket(tx, {
    filing,
    customerId: ticket.customerId,
    contact: matched.contact,
    requester: matched.contact ? null : { email: sender, name: filing.parsed.from?.name ?? ticket.requesterName },
    followUpOfId: ticket.id,
  });
  return {
    ...followUp,
    reason: followUp.reason ?? `Ticket #${ticket.number} is closed: this mail opened a new ticket.`,
  };
}

async function appendMail(
  tx: Prisma.TransactionClient,
  options: {
    filing: Filing;
    ticket: { id: string; number: number; title: string; status: string; requesterName: string | null };
    contact: SenderContact | null;
    automatic: string | null;
  },
): Promise<Decision> {
  const { filing, ticket, contact, automatic } = options;
  const { kept, dropped } = keepMailAttachments(filing.parsed.attachments);
  const body = mailMessageBody(filing.parsed, dropped);
  const message = await tx.ticketMessage.create({
    data: {
      ticketId: ticket.id,
      kind: "reply",
      authorContactId: contact?.id ?? null,
      body,
      attachments: { create: kept.map((attachment) => ({ ...attachment, ticketId: ticket.id })) },
    },
    select: { id: true, createdAt: true },
  });
  // An auto-reply ("I am out of office") is no answer from the person: the ticket keeps waiting.
  const reopen = !automatic && (ticket.status === "pending" || ticket.status === "resolved");
  await tx.ticket.update({
    where: { id: ticket.id },
    data: { updatedAt: message.createdAt, ...(reopen ? { status: "open" } : {}) },
  });
  if (reopen) {
    await recordTicketStatus(tx, { ticketId: ticket.id, status: "open", at: message.createdAt });
    await refreshTicketSla(tx, { ticketId: ticket.id, now: message.createdAt });
  }
  await rememberMessageId(tx, filing.parsed, ticket.id);
  // The assignee hears of a person's answer as from the portal; an auto-reply is only stored.
  const notified = automatic
    ? 0
    : await notifyContactReply(tx, {
        ticket,
        contactName: contact?.fullName ?? filing.parsed.from?.name ?? filing.sender ?? "The requester",
        body,
        consoleUrl: config().publicUrl ?? null,
      });
  await recordAuditEvent(tx, {
    actor: contact ? { type: "contact", id: contact.id } : { type: "system" },
    action: "ticket.contact_replied",
    subject: `ticket:${ticket.id}`,
    data: {
      number: ticket.number,
      message: message.id,
      via: "email",
      notified,
      attachments: kept.length,
      ...(automatic ? { automatic } : {}),
      ...(reopen ? { changes: { status: { from: ticket.status, to: "open" } } } : {}),
    },
  });
  await enqueueWebhookEvent(tx, await ticketMessageEvent(tx, message.id));
  return {
    outcome: "appended",
    ticket: { id: ticket.id, number: ticket.number },
    ticketMessageId: message.id,
    reason: automatic,
  };
}
