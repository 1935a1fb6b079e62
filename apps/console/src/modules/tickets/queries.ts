import "server-only";
import { getTicket, getTicketSla, listCustomers, listTicketAssignees, ZGetTicketInput } from "@helpline/core";

/** What the Tickets filters offer: every customer and every technician who can take a ticket. */
export async function loadTicketFilterOptions() {
  const [customers, technicians] = await Promise.all([listCustomers({ input: { search: "" } }), listTicketAssignees()]);
  return { customers: customers.map(({ id, name }) => ({ id, name })), technicians };
}

/**
 * The ticket page's data from its URL segment, or null for a number that names no ticket; for a
 * ticket in Unassigned customers also the customers it can be filed under; its SLA clocks at `now`
 * (null: no SLA).
 */
export async function loadTicketPage(segment: string) {
  const ref = ZGetTicketInput.safeParse({ number: segment });
  if (!ref.success || !/^\d+$/.test(segment)) return null;
  const [ticket, technicians] = await Promise.all([getTicket({ input: ref.data }), listTicketAssignees()]);
  if (!ticket) return null;
  const now = new Date();
  const sla = await getTicketSla({ ticketId: ticket.id, now });
  const customers = ticket.customer
    ? []
    : (await listCustomers({ input: { search: "" } })).map(({ id, name }) => ({ id, name }));
  // A ticket kept by a technician since disabled still shows who holds it.
  const assignees =
    ticket.assignee && !technicians.some((technician) => technician.id === ticket.assignee!.id)
      ? [...technicians, ticket.assignee]
      : technicians;
  return { ticket, assignees, customers, sla, now };
}
