import type { Prisma } from "@helpline/db";

import type { TechnicianActor } from "../actor.ts";

/** Who an audit line names: a technician (through an API key when `apiKey` is set), a contact, or Helpline itself. */
export type AuditActor =
  | { type: "technician"; id: string; apiKey?: { id: string; name: string } }
  | { type: "contact"; id: string }
  | { type: "system" };

/** The audit actor of a technician acting in the console or through one of their API keys. */
export function technicianAuditActor(actor: TechnicianActor): AuditActor {
  return actor.apiKey
    ? { type: "technician", id: actor.id, apiKey: actor.apiKey }
    : { type: "technician", id: actor.id };
}

/** Appends one line to the audit log, inside the caller's transaction so both land or neither. */
export async function recordAuditEvent(
  tx: Prisma.TransactionClient,
  event: { actor: AuditActor; action: string; subject?: string; data?: Prisma.InputJsonValue },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorType: event.actor.type,
      actorId: event.actor.type === "system" ? null : event.actor.id,
      apiKeyId: event.actor.type === "technician" ? (event.actor.apiKey?.id ?? null) : null,
      apiKeyName: event.actor.type === "technician" ? (event.actor.apiKey?.name ?? null) : null,
      action: event.action,
      subject: event.subject ?? null,
      data: event.data ?? {},
    },
  });
}
