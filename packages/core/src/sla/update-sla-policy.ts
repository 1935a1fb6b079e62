import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { checkPolicyTargets } from "./check-policy-targets.ts";
import type { TUpdateSlaPolicyInput } from "./sla-input.ts";
import { slaWriteError } from "./sla-write-errors.ts";

/**
 * Settings ▸ SLAs ▸ Save (admins): replaces a policy's name, calendar, targets and warning percent.
 * Applies to tickets opened from now on: open tickets keep the snapshot of the targets they
 * started with (Ticket.slaTargets), so nothing else is rewritten. Audited `sla.policy_updated`.
 * Returns its id and name. Throws 403 for a technician, 404 when it is gone, 409 `name_taken`
 * (field `name`), 422 `calendar_not_found` (field `calendarId`), 422 `invalid_targets` (a resolution
 * shorter than its first response once days are the calendar's business days: checkPolicyTargets).
 */
export async function updateSlaPolicy(options: { actor: TechnicianActor; input: TUpdateSlaPolicyInput }) {
  requireAdmin(options.actor);
  const { policyId, name, calendarId, targets, warningPercent } = options.input;
  try {
    return await getPrisma().$transaction(async (tx) => {
      await checkPolicyTargets(tx, { calendarId, targets });
      const policy = await tx.slaPolicy.update({
        where: { id: policyId },
        data: { name, calendarId, targets, warningPercent },
        select: { id: true, name: true },
      });
      await recordAuditEvent(tx, {
        actor: technicianAuditActor(options.actor),
        action: "sla.policy_updated",
        subject: `sla_policy:${policyId}`,
        data: { name, calendarId, targets, warningPercent },
      });
      return policy;
    });
  } catch (error) {
    throw slaWriteError(error, "policy", name);
  }
}
