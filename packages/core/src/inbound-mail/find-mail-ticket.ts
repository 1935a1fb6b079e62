import type { Prisma } from "@helpline/db";
import { senderOnTicket, type SenderContact } from "./mail-sender.ts";
import type { ParsedInboundMail } from "./parse-inbound-mail.ts";

/**
 * Rules 1 and 2 of the "Which ticket a message belongs to": the ticket this mail
 * continues, if its sender may add to it.
 * 1. In-Reply-To/References naming a Message-ID in TicketMailId (sent or received) → that ticket;
 * 2. else the subject tag `[#N]` → ticket N, only when the sender is its contact or a contact of its
 *    customer (a tag alone is guessable).
 * On a matched ticket the sender must be a contact of its customer, its contact, or (1 only) its
 * requester; anyone else's mail (a colleague in Cc) gets null and is treated as new mail (rules 3
 * and 4, file-mail.ts), so nobody posts into a ticket whose customer they are not. `contact` is the
 * sender's contact on that ticket, null for its requester.
 */
export async function findMailTicket(
  tx: Prisma.TransactionClient,
  parsed: ParsedInboundMail,
  sender: string,
): Promise<{ id: string; contact: SenderContact | null } | null> {
  const threaded = await threadTicket(tx, parsed);
  const byTag =
    threaded === null && parsed.tagNumber !== null
      ? await tx.ticket.findUnique({ where: { number: parsed.tagNumber }, select: TICKET_REF })
      : null;
  const ticket = threaded ?? byTag;
  if (!ticket) return null;
  const { allowed, contact } = await senderOnTicket(tx, { ticket, address: sender, requester: threaded !== null });
  return allowed ? { id: ticket.id, contact } : null;
}

const TICKET_REF = { id: true, number: true, customerId: true, contactId: true, requesterEmail: true } as const;

/** The ticket whose mail this one answers (In-Reply-To first, then References newest first). */
export async function threadTicket(tx: Prisma.TransactionClient, parsed: ParsedInboundMail) {
  const ids = [...new Set([...parsed.inReplyTo, ...[...parsed.references].reverse()])];
  if (ids.length === 0) return null;
  const known = await tx.ticketMailId.findMany({
    where: { messageId: { in: ids } },
    select: { messageId: true, ticket: { select: TICKET_REF } },
  });
  for (const id of ids) {
    const hit = known.find((row) => row.messageId === id);
    if (hit) return hit.ticket;
  }
  return null;
}
