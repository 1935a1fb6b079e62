import type { Prisma } from "@helpline/db";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { lockTicket } from "../tickets/lock-ticket.ts";
import type { Decision, Filing } from "./file-mail.ts";
import { threadTicket } from "./find-mail-ticket.ts";
import { markBounced } from "./mail-sender.ts";
import type { ParsedInboundMail } from "./parse-inbound-mail.ts";

/**
 * A bounce (RFC 3464 delivery report) naming a mail we sent marks each failed recipient's contacts
 * and leaves a technician-only note on the ticket the bounced mail belonged to. A report naming
 * nothing of ours is recorded `bounce` and marks nobody.
 */
export async function fileBounce(
  tx: Prisma.TransactionClient,
  filing: Filing,
  bounce: NonNullable<ParsedInboundMail["bounce"]>,
): Promise<Decision> {
  if (!(await namesMailWeSent(tx, filing.parsed))) {
    return {
      outcome: "bounce",
      ticket: null,
      reason: `The delivery report names no mail Helpline sent, so no contact was marked: ${bounce.reason}`,
    };
  }
  await markBounced(tx, { addresses: bounce.recipients, reason: bounce.reason, at: filing.now });
  const ticket = await threadTicket(tx, filing.parsed);
  if (!ticket) return { outcome: "bounce", ticket: null, reason: bounce.reason };
  await lockTicket(tx, { id: ticket.id });
  const recipients = bounce.recipients.length ? bounce.recipients.join(", ") : "the contact";
  const note = await tx.ticketMessage.create({
    data: { ticketId: ticket.id, kind: "note", body: `Mail to ${recipients} bounced: ${bounce.reason}` },
    select: { id: true, createdAt: true },
  });
  await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: note.createdAt } });
  await recordAuditEvent(tx, {
    actor: { type: "system" },
    action: "ticket.mail_bounced",
    subject: `ticket:${ticket.id}`,
    data: { number: ticket.number, message: note.id, recipients: bounce.recipients },
  });
  return {
    outcome: "bounce",
    ticket: { id: ticket.id, number: ticket.number },
    ticketMessageId: note.id,
    reason: bounce.reason,
  };
}

/**
 * Whether a delivery report is about mail Helpline sent: its In-Reply-To/References or the quoted
 * original's Message-ID (RFC 3464 §2 returns the headers) name an outbox mail or a ticket mail we
 * sent. Anyone can write a report, so one naming nothing of ours marks no contact as bouncing.
 */
async function namesMailWeSent(tx: Prisma.TransactionClient, parsed: ParsedInboundMail): Promise<boolean> {
  const ids = [...new Set([...parsed.inReplyTo, ...parsed.references])];
  if (ids.length === 0) return false;
  if ((await tx.ticketMailId.count({ where: { messageId: { in: ids }, direction: "sent" } })) > 0) return true;
  return (await tx.outboxMessage.count({ where: { messageId: { in: ids } } })) > 0;
}
