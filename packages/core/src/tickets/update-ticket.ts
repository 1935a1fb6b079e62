import { getPrisma } from "@helpline/db";
import type { TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { recordTicketStatus } from "../sla/record-ticket-status.ts";
import { refreshTicketSla } from "../sla/refresh-ticket-sla.ts";
import { lockTicket } from "./lock-ticket.ts";
import { requireAssignee } from "./require-assignee.ts";
import type { TUpdateTicketInput } from "./ticket-input.ts";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event.ts";
import { ticketEvent } from "../webhooks/webhook-payloads.ts";

type Change = { from: string | null; to: string | null };

/**
 * Status, priority or assignee from the ticket page's side panel. Only what really changes is
 * written, with one audit line saying from what to what; asking for the current values writes
 * nothing (a select re-sent by a double click leaves no trace). A status change joins the
 * ticket's status history; a status or priority change recomputes its SLA due times.
 */
export async function updateTicket(options: { actor: TechnicianActor; input: TUpdateTicketInput }) {
  const { actor, input } = options;
  return getPrisma().$transaction(async (tx) => {
    await lockTicket(tx, { id: input.ticketId });
    const ticket = await tx.ticket.findUnique({
      where: { id: input.ticketId },
      select: { id: true, number: true, status: true, priority: true, assignee: { select: { id: true, name: true } } },
    });
    if (!ticket) throw new DomainError("not_found", "This ticket does not exist.", 404);
    const changes: Record<string, Change> = {};
    if (input.status !== undefined && input.status !== ticket.status)
      changes.status = { from: ticket.status, to: input.status };
    if (input.priority !== undefined && input.priority !== ticket.priority)
      changes.priority = { from: ticket.priority, to: input.priority };
    let assignee = ticket.assignee;
    if (input.assigneeId !== undefined && input.assigneeId !== (ticket.assignee?.id ?? null)) {
      assignee = input.assigneeId ? await requireAssignee(tx, input.assigneeId) : null;
      changes.assignee = { from: ticket.assignee?.name ?? null, to: assignee?.name ?? null };
    }
    const result = { status: input.status ?? ticket.status, priority: input.priority ?? ticket.priority, assignee };
    if (Object.keys(changes).length === 0) return { changed: false, ...result };
    const now = new Date();
    await tx.ticket.update({
      where: { id: ticket.id },
      data: {
        ...(changes.status ? { status: input.status } : {}),
        ...(changes.priority ? { priority: input.priority } : {}),
        ...(changes.assignee ? { assigneeId: input.assigneeId } : {}),
        updatedAt: now,
      },
    });
    if (changes.status) await recordTicketStatus(tx, { ticketId: ticket.id, status: result.status, at: now });
    // A priority change recomputes from the ticket's start with that priority's targets.
    if (changes.status || changes.priority) await refreshTicketSla(tx, { ticketId: ticket.id, now });
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(actor),
      action: "ticket.updated",
      subject: `ticket:${ticket.id}`,
      data: {
        number: ticket.number,
        changes,
        ...(changes.assignee
          ? { assigneeId: { from: ticket.assignee?.id ?? null, to: input.assigneeId ?? null } }
          : {}),
      },
    });
    await enqueueWebhookEvent(tx, await ticketEvent(tx, "ticket.updated", ticket.id));
    return { changed: true, ...result };
  });
}
