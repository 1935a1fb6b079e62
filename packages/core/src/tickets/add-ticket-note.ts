import { getPrisma } from "@helpline/db";
import type { TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { lockTicket } from "./lock-ticket.ts";
import type { TTicketMessageInput } from "./ticket-input.ts";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event.ts";
import { ticketMessageEvent } from "../webhooks/webhook-payloads.ts";

/** An internal note: for technicians only, so it is never mailed nor shown to the contact. */
export async function addTicketNote(options: { actor: TechnicianActor; input: TTicketMessageInput }) {
  const { actor, input } = options;
  return getPrisma().$transaction(async (tx) => {
    // One message at a time per ticket, so the ticket's updatedAt only ever moves forward.
    await lockTicket(tx, { id: input.ticketId });
    const ticket = await tx.ticket.findUnique({ where: { id: input.ticketId }, select: { id: true, number: true } });
    if (!ticket) throw new DomainError("not_found", "This ticket does not exist.", 404);
    const message = await tx.ticketMessage.create({
      data: { ticketId: ticket.id, kind: "note", authorTechnicianId: actor.id, body: input.body },
      select: { id: true, createdAt: true },
    });
    await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: message.createdAt } });
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(actor),
      action: "ticket.note_added",
      subject: `ticket:${ticket.id}`,
      data: { number: ticket.number, message: message.id },
    });
    await enqueueWebhookEvent(tx, await ticketMessageEvent(tx, message.id));
    return { messageId: message.id };
  });
}
