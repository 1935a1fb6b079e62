import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { getDefaultSlaPolicyId } from "./default-sla-policy.ts";
import type { TSlaPolicyRef } from "./sla-input.ts";

/**
 * Settings ▸ SLAs ▸ Delete (admins). Refused with 409 `policy_in_use` when it is the default policy
 * or a customer has it as their own (naming them). Tickets opened under it keep their targets
 * (the snapshot names the policy). The row is locked FOR UPDATE first: that waits for a concurrent
 * Make default or customer assignment (they hold a key-share lock on it) to commit, so the checks
 * after see them; those coming later wait for this delete and find the policy gone. Audited
 * `sla.policy_deleted`. Throws 403 for a technician, 404 when it is gone.
 */
export async function deleteSlaPolicy(options: { actor: TechnicianActor; input: TSlaPolicyRef }) {
  requireAdmin(options.actor);
  const { policyId } = options.input;
  await getPrisma().$transaction(async (tx) => {
    const [policy] = await tx.$queryRaw<{ name: string }[]>`
      SELECT name FROM "SlaPolicy" WHERE id = ${policyId}::uuid FOR UPDATE`;
    if (!policy) throw new DomainError("not_found", "This policy no longer exists.", 404);
    if ((await getDefaultSlaPolicyId(tx)) === policyId)
      throw new DomainError(
        "policy_in_use",
        `${policy.name} is the default policy. Make another policy the default first.`,
        409,
      );
    const customers = await tx.customer.findMany({
      where: { slaPolicyId: policyId },
      select: { name: true },
      orderBy: { name: "asc" },
      take: 4,
    });
    if (customers.length > 0) {
      const names = customers.slice(0, 3).map((customer) => customer.name);
      const more = customers.length > 3 ? " and others" : "";
      throw new DomainError(
        "policy_in_use",
        `${names.join(", ")}${more} ${customers.length === 1 ? "has" : "have"} ${policy.name} as their own policy. Choose another policy for them first.`,
        409,
      );
    }
    await tx.slaPolicy.delete({ where: { id: policyId } });
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "sla.policy_deleted",
      subject: `sla_policy:${policyId}`,
      data: { name: policy.name },
    });
  });
}
