import { getPrisma } from "@helpline/db";
import type { TechnicianActor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import type { TSetHelpdeskPolicyInput } from "./helpdesk-input.ts";

/** Turns the customer's "activate for every new user profile" policy on or off. */
export async function setHelpdeskPolicy(options: { actor: TechnicianActor; input: TSetHelpdeskPolicyInput }) {
  const { customerId, enabled } = options.input;
  await getPrisma().$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { name: true } });
    if (!customer) throw new DomainError("not_found", "This customer does not exist.", 404);
    await tx.customer.update({ where: { id: customerId }, data: { autoActivateHelpdesk: enabled } });
    await recordAuditEvent(tx, {
      actor: { type: "technician", id: options.actor.id },
      action: enabled ? "helpdesk.policy_enabled" : "helpdesk.policy_disabled",
      subject: `customer:${customerId}`,
      data: { name: customer.name },
    });
  });
}
