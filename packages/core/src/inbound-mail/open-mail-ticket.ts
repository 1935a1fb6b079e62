import type { Prisma } from "@helpline/db";
import { publicUrl } from "../links/public-url.ts";
import { getContactLanguage } from "../languages/get-contact-language.ts";
import { enqueueTicketMail } from "../mail/enqueue-ticket-mail.ts";
import { ticketPortalUrl } from "../portal/portal-links.ts";
import type { FirstReplyDue } from "../tickets/expected-first-reply.ts";
import { ticketReceiptMail } from "../tickets/ticket-mail.ts";
import { createMailTicket } from "./create-mail-ticket.ts";
import type { Decision, Filing } from "./file-mail.ts";
import type { SenderContact } from "./mail-sender.ts";
import {
  RECEIPTS_PER_SENDER_PER_HOUR,
  STRANGER_TICKETS_PER_SENDER_PER_HOUR,
  takeReceiptSlot,
  takeStrangerTicketSlot,
} from "./take-receipt-slot.ts";

/**
 * A new ticket of the mail (rules 3 and 4, or a follow-up to a Closed ticket with `followUpOfId`):
 * a known `contact`'s under their customer, with a receipt (at most RECEIPTS_PER_SENDER_PER_HOUR
 * per address and hour), or an unknown sender's as `requester` (customerId null: Unassigned
 * customers), never with a receipt. The caller takes the stranger's slot first (`strangerCapped`).
 */
export async function openMailTicket(
  tx: Prisma.TransactionClient,
  options: {
    filing: Filing;
    customerId: string | null;
    contact: SenderContact | null;
    requester: { email: string; name: string | null } | null;
    followUpOfId?: string;
  },
): Promise<Decision> {
  const { filing, contact } = options;
  const ticket = await createMailTicket(tx, {
    parsed: filing.parsed,
    customerId: options.customerId,
    contact,
    requester: options.requester,
    followUpOfId: options.followUpOfId ?? null,
    actor: contact ? { type: "contact", id: contact.id } : { type: "system" },
  });
  const reason = contact ? await sendReceipt(tx, { filing, contact, ticket }) : null;
  return { outcome: "created", ticket: { id: ticket.id, number: ticket.number }, reason };
}

/**
 * Takes one of the unknown sender's new-ticket slots for this hour; when they are spent, the
 * decision to ignore the mail instead (it stays in Ignored mail). Null: the ticket may be opened.
 */
export async function strangerCapped(
  tx: Prisma.TransactionClient,
  sender: string,
  now: Date,
): Promise<Decision | null> {
  if (await takeStrangerTicketSlot(tx, { address: sender, now })) return null;
  return {
    outcome: "ignored",
    ticket: null,
    reason: `The sender is no contact of any customer and already opened ${STRANGER_TICKETS_PER_SENDER_PER_HOUR} tickets this hour.`,
  };
}

/**
 * The receipt to a contact's new mail ticket, in the contact's language (getContactLanguage: their
 * own, their customer's default, the MSP's), unless the hourly cap is spent; returns why not, or null.
 */
async function sendReceipt(
  tx: Prisma.TransactionClient,
  options: {
    filing: Filing;
    contact: SenderContact;
    ticket: { id: string; number: number; title: string; firstReplyDue: FirstReplyDue | null };
  },
): Promise<string | null> {
  const { filing, contact, ticket } = options;
  const address = contact.email.trim().toLowerCase();
  if (!(await takeReceiptSlot(tx, { address, now: filing.now }))) {
    return `No receipt sent: ${address} already got ${RECEIPTS_PER_SENDER_PER_HOUR} receipts this hour.`;
  }
  const portalUrl = ticketPortalUrl(publicUrl({ protocol: "http", host: null }), ticket.number);
  await enqueueTicketMail(tx, {
    ticketId: ticket.id,
    kind: "receipt",
    ...ticketReceiptMail({
      to: contact.email,
      fullName: contact.fullName,
      ticket: { ...ticket, portalUrl },
      firstReplyDue: ticket.firstReplyDue,
      locale: await getContactLanguage({ contactId: contact.id, db: tx }),
    }),
    inReplyTo: filing.parsed.messageId,
  });
  return null;
}
