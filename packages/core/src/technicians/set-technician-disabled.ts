import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import type { TSetTechnicianDisabledInput } from "./technician-input.ts";

/**
 * Disabling also ends the technician's sessions, so it takes effect on their next click. There is
 * always an enabled admin left: nobody disables themself (`409 cannot_disable_self`), and the
 * acting admin must still be an enabled admin when the change is written (`403 forbidden`), so two
 * admins disabling each other at once cannot both succeed. `404 not_found` for an unknown id.
 */
export async function setTechnicianDisabled(options: { actor: TechnicianActor; input: TSetTechnicianDisabledInput }) {
  requireAdmin(options.actor);
  const { technicianId, disabled } = options.input;
  if (technicianId === options.actor.id && disabled) {
    throw new DomainError("cannot_disable_self", "You cannot disable your own account.", 409);
  }
  return getPrisma().$transaction(async (tx) => {
    // Every enabled admin's row is locked, so changes run one after the other, and the check
    // below sees what the one before it did (a row it disabled no longer matches).
    const admins = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "Technician" WHERE role = 'admin' AND NOT disabled FOR UPDATE`;
    if (!admins.some((admin) => admin.id === options.actor.id)) {
      throw new DomainError(
        "forbidden",
        "Your account was disabled meanwhile: only an enabled admin can do this.",
        403,
      );
    }
    const { count } = await tx.technician.updateMany({ where: { id: technicianId }, data: { disabled } });
    if (count === 0) throw new DomainError("not_found", "This technician does not exist.", 404);
    if (disabled) await tx.session.deleteMany({ where: { technicianId } });
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: disabled ? "technician.disabled" : "technician.enabled",
      subject: `technician:${technicianId}`,
    });
  });
}
