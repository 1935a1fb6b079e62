import { getPrisma } from "@helpline/db";
import { DomainError } from "../errors.ts";
import type { TCustomerRef } from "../customers/customer-input.ts";
import { getDefaultSlaPolicyId } from "./default-sla-policy.ts";
import { SLA_POLICY_SELECT, toSlaPolicy } from "./sla-policy-row.ts";

/**
 * Customer page ▸ SLA (any technician may read): `ownPolicyId` (null = the default policy) and the
 * policy that applies to the customer's new tickets (`applies`: its calendar with IANA zone,
 * targets per priority, warning percent; null when there is no default policy either). Throws 404
 * when the customer is gone.
 */
export async function getCustomerSlaPolicy(options: { input: TCustomerRef }) {
  const customer = await getPrisma().customer.findUnique({
    where: { id: options.input.customerId },
    select: { slaPolicy: { select: SLA_POLICY_SELECT } },
  });
  if (!customer) throw new DomainError("not_found", "This customer no longer exists.", 404);
  const defaultPolicyId = await getDefaultSlaPolicyId();
  const applies =
    customer.slaPolicy ??
    (defaultPolicyId
      ? await getPrisma().slaPolicy.findUnique({ where: { id: defaultPolicyId }, select: SLA_POLICY_SELECT })
      : null);
  return {
    ownPolicyId: customer.slaPolicy?.id ?? null,
    applies: applies ? toSlaPolicy(applies, defaultPolicyId) : null,
  };
}
