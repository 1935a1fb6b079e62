import type { Prisma } from "@helpline/db";

export type SenderContact = { id: string; customerId: string; fullName: string; email: string };

const CONTACT_FIELDS = { id: true, customerId: true, fullName: true, email: true } as const;

// Addresses compare case-insensitively (RFC 5321 lets only the local part be case-sensitive, and no
// mail system we meet uses that), while "+tags" stay part of the address: alice+it@ is not alice@.
const sameAddress = (address: string) => ({ equals: address.trim(), mode: "insensitive" as const });

/**
 * The contact a new mail from `address` belongs to, or null for an unknown sender. An address can
 * be a contact of several customers (a consultant working for two of them); the pick is then
 * deterministic: the customer of the most recent ticket opened by one of those contacts, else the
 * contact created first (ties by id). A technician can move the ticket if that guess is wrong.
 */
export async function findSenderContact(tx: Prisma.TransactionClient, address: string): Promise<SenderContact | null> {
  const contacts = await tx.contact.findMany({
    where: { email: sameAddress(address) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: CONTACT_FIELDS,
  });
  if (contacts.length <= 1) return contacts[0] ?? null;
  const latest = await tx.ticket.findFirst({
    where: { contactId: { in: contacts.map((contact) => contact.id) } },
    orderBy: [{ createdAt: "desc" }, { number: "desc" }],
    select: { contactId: true },
  });
  return contacts.find((contact) => contact.id === latest?.contactId) ?? contacts[0]!;
}

/**
 * Whether `address` may add to `ticket` by mail, and as which contact. Allowed: the ticket's own
 * contact, any contact of its customer, and, when `requester` is set (a thread match, not a bare
 * subject tag), the unknown sender the ticket was opened for (`requesterEmail`). Anyone else (a
 * colleague in Cc, a stranger who guessed a tag) is refused here and their mail is treated as new.
 */
export async function senderOnTicket(
  tx: Prisma.TransactionClient,
  options: {
    ticket: { customerId: string | null; contactId: string | null; requesterEmail: string | null };
    address: string;
    requester: boolean;
  },
): Promise<{ allowed: boolean; contact: SenderContact | null }> {
  const { ticket, address } = options;
  const scopes: Prisma.ContactWhereInput[] = [];
  if (ticket.customerId) scopes.push({ customerId: ticket.customerId });
  if (ticket.contactId) scopes.push({ id: ticket.contactId });
  const contact = scopes.length
    ? await tx.contact.findFirst({
        where: { email: sameAddress(address), OR: scopes },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: CONTACT_FIELDS,
      })
    : null;
  if (contact) return { allowed: true, contact };
  const isRequester = options.requester && ticket.requesterEmail?.trim().toLowerCase() === address.trim().toLowerCase();
  return { allowed: isRequester, contact: null };
}

/** "A contact writing in clears its bounce mark": their address evidently works again. */
export async function clearBounceMarks(tx: Prisma.TransactionClient, address: string): Promise<void> {
  await tx.contact.updateMany({
    where: { email: sameAddress(address), emailBouncedAt: { not: null } },
    data: { emailBouncedAt: null, emailBounceReason: null },
  });
}

/** Marks every contact at the bounced addresses (RFC 3464 `Final-Recipient`s) as bouncing. */
export async function markBounced(
  tx: Prisma.TransactionClient,
  options: { addresses: string[]; reason: string; at: Date },
): Promise<number> {
  if (options.addresses.length === 0) return 0;
  const { count } = await tx.contact.updateMany({
    where: { OR: options.addresses.map((address) => ({ email: sameAddress(address) })) },
    data: { emailBouncedAt: options.at, emailBounceReason: options.reason },
  });
  return count;
}
