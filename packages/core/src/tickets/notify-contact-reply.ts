import type { Prisma } from "@helpline/db";
import { withoutTrailingSlashes } from "../links/without-trailing-slashes.ts";
import { contactReplyMail } from "../portal/portal-mail.ts";
import { notifyTicketTechnicians } from "./notify-ticket-technicians.ts";

/**
 * Mails a contact's answer (from the portal or by email) to the ticket's assignee, or to every
 * active technician while nobody (or a disabled technician) is assigned, inside the caller's
 * transaction. `consoleUrl` is the console's trusted address, or null: the mail then says where to
 * look instead of linking. Returns how many technicians were notified.
 */
export async function notifyContactReply(
  tx: Prisma.TransactionClient,
  options: {
    ticket: { id: string; number: number; title: string };
    contactName: string;
    body: string;
    consoleUrl: string | null;
  },
): Promise<number> {
  const { ticket } = options;
  const consoleUrl = options.consoleUrl
    ? `${withoutTrailingSlashes(options.consoleUrl)}/tickets/${ticket.number}`
    : null;
  return notifyTicketTechnicians(tx, {
    ticketId: ticket.id,
    mail: (to) =>
      contactReplyMail({
        to,
        contactName: options.contactName,
        body: options.body,
        ticket: { number: ticket.number, title: ticket.title, consoleUrl },
      }),
  });
}
