import { getPrisma } from "@helpline/db";
import type { TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { startTicketSla } from "../sla/start-ticket-sla.ts";
import type { TAssignTicketCustomerInput } from "./ticket-input.ts";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event.ts";
import { ticketEvent } from "../webhooks/webhook-payloads.ts";

/**
 * Tickets ▸ Unassigned customers ▸ File under customer: a ticket opened by an unknown sender's mail
 * (customerId null) gets `customerId`, and its requester becomes that customer's contact — the
 * contact with the same address is reused, else one is made from requesterName/requesterEmail —
 * so their next mail finds the ticket's customer by itself. The sender's earlier mail messages on
 * the ticket are credited to that contact. Returns the ticket's number, the customer and the
 * contact (null when the ticket names no requester address).
 *
 * Atomic: the ticket is claimed by one guarded UPDATE (`customerId IS NULL`), so of two
 * technicians filing it at once only one succeeds; the other gets 409 `already_filed`. The
 * contact is created with ON CONFLICT DO NOTHING on (customerId, email), so two tickets of one
 * sender filed at once share one contact. Errors: 404 unknown ticket or customer, 409 already filed.
 * The ticket's SLA is taken again from that customer's policy (`startTicketSla`). Audited as
 * `ticket.customer_assigned`.
 */
export async function assignTicketCustomer(options: { actor: TechnicianActor; input: TAssignTicketCustomerInput }) {
  const { actor, input } = options;
  return getPrisma().$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({
      where: { id: input.customerId },
      select: { id: true, name: true },
    });
    if (!customer) throw new DomainError("not_found", "This customer does not exist.", 404);
    // Under READ COMMITTED a second filing waits for the first one's row lock, then re-checks
    // `customerId IS NULL` against what committed and matches nothing.
    const claimed = await tx.ticket.updateMany({
      where: { id: input.ticketId, customerId: null },
      data: { customerId: customer.id, updatedAt: new Date() },
    });
    const ticket = await tx.ticket.findUnique({
      where: { id: input.ticketId },
      select: {
        id: true,
        number: true,
        requesterEmail: true,
        requesterName: true,
        customer: { select: { name: true } },
      },
    });
    if (!ticket) throw new DomainError("not_found", "This ticket does not exist.", 404);
    if (claimed.count === 0) {
      throw new DomainError(
        "already_filed",
        `Ticket #${ticket.number} is already filed under ${ticket.customer?.name ?? "a customer"}.`,
        409,
      );
    }
    // The customer's own policy replaces the default one the unknown sender's ticket started
    // under, its clocks still counted from the ticket's creation.
    await startTicketSla(tx, { ticketId: ticket.id, now: new Date() });
    const email = ticket.requesterEmail?.trim().toLowerCase() || null;
    let contact: { id: string; fullName: string; email: string } | null = null;
    if (email) {
      await tx.contact.createMany({
        data: [{ customerId: customer.id, email, fullName: ticket.requesterName?.trim() || email }],
        skipDuplicates: true,
      });
      contact = await tx.contact.findUniqueOrThrow({
        where: { customerId_email: { customerId: customer.id, email } },
        select: { id: true, fullName: true, email: true },
      });
      await tx.ticket.update({ where: { id: ticket.id }, data: { contactId: contact.id } });
      await tx.ticketMessage.updateMany({
        where: {
          ticketId: ticket.id,
          authorTechnicianId: null,
          authorContactId: null,
          inboundMail: { is: { fromAddress: email } },
        },
        data: { authorContactId: contact.id },
      });
    }
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(actor),
      action: "ticket.customer_assigned",
      subject: `ticket:${ticket.id}`,
      data: { number: ticket.number, customerId: customer.id, customer: customer.name, contactId: contact?.id ?? null },
    });
    await enqueueWebhookEvent(tx, await ticketEvent(tx, "ticket.updated", ticket.id));
    return { number: ticket.number, customer, contact };
  });
}
