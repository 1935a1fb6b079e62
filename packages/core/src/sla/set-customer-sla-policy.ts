import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import type { TSetCustomerSlaPolicyInput } from "./sla-input.ts";

/**
 * Customer page ▸ SLA ▸ Save (admins): the customer's own policy, or `policyId: null` for the
 * default policy; applies to the customer's tickets opened from now on. The policy row is
 * key-share-locked while the customer is written, so a concurrent delete of it either waits and
 * then refuses (a customer uses it) or went first (then 422 here). Audited `customer.sla_policy`.
 * Throws 403 for a technician, 404 when the customer is gone, 422 `policy_not_found` (field `policyId`).
 */
export async function setCustomerSlaPolicy(options: { actor: TechnicianActor; input: TSetCustomerSlaPolicyInput }) {
  requireAdmin(options.actor);
  const { customerId, policyId } = options.input;
  await getPrisma().$transaction(async (tx) => {
    let policyName: string | null = null;
    if (policyId) {
      const [policy] = await tx.$queryRaw<{ name: string }[]>`
        SELECT name FROM "SlaPolicy" WHERE id = ${policyId}::uuid FOR KEY SHARE`;
      if (!policy) {
        const message = "This policy no longer exists. Choose another.";
        throw new DomainError("policy_not_found", message, 422, { fields: { policyId: message } });
      }
      policyName = policy.name;
    }
    const { count } = await tx.customer.updateMany({ where: { id: customerId }, data: { slaPolicyId: policyId } });
    if (count === 0) throw new DomainError("not_found", "This customer no longer exists.", 404);
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "customer.sla_policy",
      subject: `customer:${customerId}`,
      data: { policyId, policyName },
    });
  });
}
