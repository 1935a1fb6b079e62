import type { Prisma } from "@helpline/db";
import { ZPolicyTargets, type PolicyTargets } from "./sla-types.ts";

/** The columns every policy read takes, with the calendar it runs on. */
export const SLA_POLICY_SELECT = {
  id: true,
  name: true,
  targets: true,
  warningPercent: true,
  updatedAt: true,
  calendar: { select: { id: true, name: true, timeZone: true } },
} satisfies Prisma.SlaPolicySelect;

type PolicyRow = Prisma.SlaPolicyGetPayload<{ select: typeof SLA_POLICY_SELECT }>;

/**
 * A stored policy as plain data, its targets (per priority, first response and resolution as
 * amount + unit) parsed with ZPolicyTargets; `isDefault` when it is the policy named by
 * `defaultPolicyId`.
 */
export function toSlaPolicy(
  row: PolicyRow,
  defaultPolicyId: string | null,
): Omit<PolicyRow, "targets"> & { targets: PolicyTargets; isDefault: boolean } {
  return { ...row, targets: ZPolicyTargets.parse(row.targets), isDefault: row.id === defaultPolicyId };
}
