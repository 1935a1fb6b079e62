import { getPrisma } from "@helpline/db";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { recordTicketStatus } from "../sla/record-ticket-status.ts";
import { refreshTicketSla } from "../sla/refresh-ticket-sla.ts";
import { lockTicket } from "../tickets/lock-ticket.ts";
import { portalTicketScope, type PortalContact } from "./portal-contact.ts";
import type { TPortalStatusInput } from "./portal-input.ts";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event.ts";
import { ticketEvent } from "../webhooks/webhook-payloads.ts";

/**
 * Close (the problem is gone) or reopen (it came back) from the portal; audited as the contact.
 * The change joins the status history and moves the SLA clocks (reopening resumes resolution).
 */
export async function setPortalTicketStatus(options: { contact: PortalContact; input: TPortalStatusInput }) {
  const { contact, input } = options;
  return getPrisma().$transaction(async (tx) => {
    await lockTicket(tx, { number: input.number });
    const ticket = await tx.ticket.findFirst({
      where: { number: input.number, ...portalTicketScope(contact) },
      select: { id: true, number: true, status: true },
    });
    if (!ticket) throw new DomainError("not_found", "This ticket does not exist.", 404);
    const to = input.action === "close" ? "closed" : "open";
    if (input.action === "reopen" && ticket.status !== "closed" && ticket.status !== "resolved")
      return { status: ticket.status, changed: false };
    if (ticket.status === to) return { status: to, changed: false };
    const now = new Date();
    await tx.ticket.update({ where: { id: ticket.id }, data: { status: to, updatedAt: now } });
    await recordTicketStatus(tx, { ticketId: ticket.id, status: to, at: now });
    await refreshTicketSla(tx, { ticketId: ticket.id, now });
    await recordAuditEvent(tx, {
      actor: { type: "contact", id: contact.id },
      action: "ticket.updated",
      subject: `ticket:${ticket.id}`,
      data: { number: ticket.number, changes: { status: { from: ticket.status, to } } },
    });
    await enqueueWebhookEvent(tx, await ticketEvent(tx, "ticket.updated", ticket.id));
    return { status: to, changed: true };
  });
}
