import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import type { TSetTechnicianDisabledInput } from "./technician-input.ts";

/** Disabling also ends the technician's sessions, so it takes effect on their next click. */
export async function setTechnicianDisabled(options: { actor: TechnicianActor; input: TSetTechnicianDisabledInput }) {
  requireAdmin(options.actor);
  const { technicianId, disabled } = options.input;
  if (technicianId === options.actor.id && disabled) {
    throw new DomainError("cannot_disable_self", "You cannot disable your own account.", 409);
  }
  return getPrisma().$transaction(async (tx) => {
    const { count } = await tx.technician.updateMany({ where: { id: technicianId }, data: { disabled } });
    if (count === 0) throw new DomainError("not_found", "This technician does not exist.", 404);
    if (disabled) await tx.session.deleteMany({ where: { technicianId } });
    await recordAuditEvent(tx, {
      actor: { type: "technician", id: options.actor.id },
      action: disabled ? "technician.disabled" : "technician.enabled",
      subject: `technician:${technicianId}`,
    });
  });
}
