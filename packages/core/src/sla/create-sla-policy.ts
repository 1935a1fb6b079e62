import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { checkPolicyTargets } from "./check-policy-targets.ts";
import type { TSlaPolicyInput } from "./sla-input.ts";
import { slaWriteError } from "./sla-write-errors.ts";

/**
 * Settings ▸ SLAs ▸ New policy (admins): a name, the calendar its clocks run on, per priority a
 * first response and a resolution target (amount + unit, business time of that calendar), and the
 * warning percent. Tickets opened from now on under it take these targets. Audited
 * `sla.policy_created`. Returns its id and name. Throws 403 for a technician, 409 `name_taken`
 * (field `name`), 422 `calendar_not_found` (field `calendarId`), 422 `invalid_targets` (a resolution
 * shorter than its first response once days are the calendar's business days: checkPolicyTargets).
 */
export async function createSlaPolicy(options: { actor: TechnicianActor; input: TSlaPolicyInput }) {
  requireAdmin(options.actor);
  const { name, calendarId, targets, warningPercent } = options.input;
  try {
    return await getPrisma().$transaction(async (tx) => {
      await checkPolicyTargets(tx, { calendarId, targets });
      const policy = await tx.slaPolicy.create({
        data: { name, calendarId, targets, warningPercent },
        select: { id: true, name: true },
      });
      await recordAuditEvent(tx, {
        actor: technicianAuditActor(options.actor),
        action: "sla.policy_created",
        subject: `sla_policy:${policy.id}`,
        data: { name, calendarId, targets, warningPercent },
      });
      return policy;
    });
  } catch (error) {
    throw slaWriteError(error, "policy", name);
  }
}
