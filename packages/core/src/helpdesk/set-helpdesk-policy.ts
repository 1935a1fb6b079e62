import { getPrisma } from "@helpline/db";
import type { TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import type { TSetHelpdeskPolicyInput } from "./helpdesk-input.ts";

/**
 * Turns the customer's "activate for every new user profile" policy on or off, with an audit
 * line when it really changes. The update's guard is the check, so the same switch sent twice at
 * once changes and audits once. `404 not_found` for an unknown customer.
 */
export async function setHelpdeskPolicy(options: { actor: TechnicianActor; input: TSetHelpdeskPolicyInput }) {
  const { customerId, enabled } = options.input;
  await getPrisma().$transaction(async (tx) => {
    const [changed] = await tx.customer.updateManyAndReturn({
      where: { id: customerId, autoActivateHelpdesk: !enabled },
      data: { autoActivateHelpdesk: enabled },
      select: { name: true },
    });
    if (!changed) {
      if (await tx.customer.count({ where: { id: customerId } })) return;
      throw new DomainError("not_found", "This customer does not exist.", 404);
    }
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: enabled ? "helpdesk.policy_enabled" : "helpdesk.policy_disabled",
      subject: `customer:${customerId}`,
      data: { name: changed.name },
    });
  });
}
