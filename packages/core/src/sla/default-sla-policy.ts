import { getPrisma, type Prisma } from "@helpline/db";
import { DEFAULT_SLA_POLICY_KEY } from "./sla-calendar-row.ts";

/**
 * The default policy's id: the policy of every customer without its own; null when none is set
 * (no SLA applies to them). Reads through `tx` when given, so a caller's transaction sees its own write.
 */
export async function getDefaultSlaPolicyId(tx: Prisma.TransactionClient = getPrisma()): Promise<string | null> {
  const row = await tx.systemSetting.findUnique({ where: { key: DEFAULT_SLA_POLICY_KEY } });
  return row?.value ?? null;
}
