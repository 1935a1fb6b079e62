import { getPrisma } from "@helpline/db";
import type { TListTicketsResponse } from "@helpline/protocol";
import { findTicketContact } from "./find-ticket-contact.ts";

const AGENT_LIST_LIMIT = 50;

/** My tickets on the agent: the confirmed contact's own tickets (any device), latest activity first. */
export async function listContactTickets(options: {
  deviceId: string;
  profile: string;
}): Promise<TListTicketsResponse> {
  const prisma = getPrisma();
  const { contact } = await prisma.$transaction((tx) => findTicketContact(tx, options));
  const tickets = await prisma.ticket.findMany({
    where: { contactId: contact.id, customerId: contact.customerId },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: AGENT_LIST_LIMIT,
    select: { number: true, title: true, status: true, updatedAt: true },
  });
  return { tickets: tickets.map((ticket) => ({ ...ticket, updatedAt: ticket.updatedAt.toISOString() })) };
}
