import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { DEFAULT_SLA_POLICY_KEY } from "./sla-calendar-row.ts";
import type { TSlaPolicyRef } from "./sla-input.ts";

/**
 * Settings ▸ SLAs ▸ Default policy (admins): makes a policy the one of every customer without its
 * own, for tickets opened from now on. One setting row holds it, written by one upsert, so two
 * admins racing leave exactly one default (the later write). The policy row is share-locked (FOR
 * KEY SHARE) while the setting is written, so a delete of that policy waits and then sees it is the
 * default; a policy deleted first is answered 404. Audited `sla.policy_default`. Throws 403 for a
 * technician, 404 `not_found` when the policy is gone.
 */
export async function setDefaultSlaPolicy(options: { actor: TechnicianActor; input: TSlaPolicyRef }) {
  requireAdmin(options.actor);
  const { policyId } = options.input;
  await getPrisma().$transaction(async (tx) => {
    const [policy] = await tx.$queryRaw<{ name: string }[]>`
      SELECT name FROM "SlaPolicy" WHERE id = ${policyId}::uuid FOR KEY SHARE`;
    if (!policy) throw new DomainError("not_found", "This policy no longer exists.", 404);
    await tx.$executeRaw`
      INSERT INTO "SystemSetting" (key, value, "updatedAt") VALUES (${DEFAULT_SLA_POLICY_KEY}, ${policyId}, now())
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = now()`;
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "sla.policy_default",
      subject: `sla_policy:${policyId}`,
      data: { name: policy.name },
    });
  });
}
