import type { Prisma } from "@helpline/db";
import { newMessageId, type MailRecipient } from "./enqueue-mail.ts";

export type TicketMailKind = "receipt" | "reply" | "notification";

/**
 * How many ids `References` carries at most. RFC 5322 §3.6.4 lets a long thread be shortened; like
 * common clients we keep the first id (the thread's root) and the latest ones, which is what
 * threading by References needs, and keep the header well under line-length trouble.
 */
export const REFERENCES_CAP = 20;

/** `<id>` or `id` → `id`: ids are stored without angle brackets, as the parser gives them. */
function bareId(id: string): string {
  return id.trim().replace(/^<|>$/g, "");
}

/**
 * Writes a mail about a ticket into the outbox inside the caller's transaction, threaded so that
 * a reply to it finds the ticket again:
 * - the subject gets the tag `[#N]` (N the ticket's number) unless it already has it;
 * - `Message-ID` is `<uuid@mailDomain()>`, recorded in TicketMailId (direction "sent") in the same
 *   transaction, so an answer naming it in In-Reply-To/References belongs to this ticket;
 * - `In-Reply-To` is `inReplyTo` when given (the customer's mail being answered, brackets optional),
 *   else the ticket's latest mail id (sent or received), else none;
 * - `References` (RFC 5322 §3.6.4) is the ticket's mail ids oldest first, with `inReplyTo` last if it
 *   is not among them, capped at REFERENCES_CAP (the first id and the latest ones);
 * - `Auto-Submitted: auto-generated` (RFC 3834) for "receipt" and "notification", never for a
 *   technician's "reply" (a person wrote it; an auto-responder may rightly answer it).
 * Reply-To (config().mail.replyTo) and the loop header are added when the mail is sent.
 * `ticketMessageId` links a technician's reply to its mail (the ticket page shows its delivery).
 * Returns the outbox row's id and the Message-ID (without brackets). Throws Prisma's not-found
 * error when the ticket does not exist.
 */
export async function enqueueTicketMail(
  tx: Prisma.TransactionClient,
  mail: {
    ticketId: string;
    kind: TicketMailKind;
    to: MailRecipient;
    subject: string;
    text: string;
    html: string;
    inReplyTo?: string | null;
    ticketMessageId?: string | null;
  },
): Promise<{ id: string; messageId: string }> {
  const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: mail.ticketId }, select: { number: true } });
  const earlier = await tx.ticketMailId.findMany({
    where: { ticketId: mail.ticketId },
    orderBy: [{ createdAt: "asc" }],
    select: { messageId: true },
  });
  const ids = earlier.map((row) => row.messageId);
  const inReplyTo = mail.inReplyTo ? bareId(mail.inReplyTo) : (ids.at(-1) ?? null);
  if (inReplyTo && !ids.includes(inReplyTo)) ids.push(inReplyTo);
  const references = ids.length > REFERENCES_CAP ? [ids[0]!, ...ids.slice(-(REFERENCES_CAP - 1))] : ids;
  const tag = `[#${ticket.number}]`;
  const subject = mail.subject.includes(tag) ? mail.subject : `${tag} ${mail.subject}`;
  const messageId = newMessageId();
  const created = await tx.outboxMessage.create({
    data: {
      to: mail.to.address,
      toName: mail.to.name,
      subject,
      text: mail.text,
      html: mail.html,
      kind: mail.kind,
      messageId,
      inReplyTo,
      references,
      autoSubmitted: mail.kind !== "reply",
      ticketId: mail.ticketId,
      ticketMessageId: mail.ticketMessageId ?? null,
    },
    select: { id: true },
  });
  // createdAt from this clock, not the transaction's start: several mails in one transaction keep
  // their order in the thread.
  await tx.ticketMailId.create({
    data: { messageId, ticketId: mail.ticketId, direction: "sent", createdAt: new Date() },
  });
  return { id: created.id, messageId };
}
