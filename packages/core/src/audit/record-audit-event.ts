import type { Prisma } from "@helpline/db";

export type AuditActor = { type: "technician"; id: string } | { type: "contact"; id: string } | { type: "system" };

/** Appends one line to the audit log, inside the caller's transaction so both land or neither. */
export async function recordAuditEvent(
  tx: Prisma.TransactionClient,
  event: { actor: AuditActor; action: string; subject?: string; data?: Prisma.InputJsonValue },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorType: event.actor.type,
      actorId: event.actor.type === "system" ? null : event.actor.id,
      action: event.action,
      subject: event.subject ?? null,
      data: event.data ?? {},
    },
  });
}
