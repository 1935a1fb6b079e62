import { getPrisma } from "@helpline/db";
import { getDefaultSlaPolicyId } from "./default-sla-policy.ts";
import { SLA_POLICY_SELECT, toSlaPolicy } from "./sla-policy-row.ts";

/**
 * Settings ▸ SLAs (any technician may read): every policy by name with its calendar (id, name,
 * IANA zone), targets per priority (amount + unit), warning percent, whether it is the default,
 * and how many customers have it as their own policy.
 */
export async function listSlaPolicies() {
  const [rows, defaultPolicyId] = await Promise.all([
    getPrisma().slaPolicy.findMany({
      orderBy: { name: "asc" },
      select: { ...SLA_POLICY_SELECT, _count: { select: { customers: true } } },
    }),
    getDefaultSlaPolicyId(),
  ]);
  return rows.map(({ _count, ...row }) => ({ ...toSlaPolicy(row, defaultPolicyId), customerCount: _count.customers }));
}
