import type { Prisma } from "@helpline/db";
import type { MailRecipient, OutgoingMail } from "../mail/enqueue-mail.ts";
import { enqueueTicketMail } from "../mail/enqueue-ticket-mail.ts";

/**
 * Mails the technicians who must hear of something a ticket needs (a contact's answer, an SLA
 * alert): its assignee, or every active technician while nobody (or a disabled technician) is
 * assigned, by email address. `mail` writes each one's mail; it goes through the outbox as a
 * ticket "notification", inside the caller's transaction. Returns how many were mailed. Throws
 * Prisma's not-found error for an unknown ticket.
 */
export async function notifyTicketTechnicians(
  tx: Prisma.TransactionClient,
  options: { ticketId: string; mail: (to: MailRecipient) => OutgoingMail },
): Promise<number> {
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: options.ticketId },
    select: { assignee: { select: { name: true, email: true, disabled: true } } },
  });
  const recipients =
    ticket.assignee && !ticket.assignee.disabled
      ? [ticket.assignee]
      : await tx.technician.findMany({
          where: { disabled: false },
          select: { name: true, email: true },
          orderBy: { email: "asc" },
        });
  for (const technician of recipients) {
    await enqueueTicketMail(tx, {
      ticketId: options.ticketId,
      kind: "notification",
      ...options.mail({ name: technician.name, address: technician.email }),
    });
  }
  return recipients.length;
}
