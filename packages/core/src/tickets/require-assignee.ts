import type { Prisma } from "@helpline/db";
import { DomainError } from "../errors.ts";

/** The technician a ticket may be given to: one who exists and is not disabled. */
export async function requireAssignee(tx: Prisma.TransactionClient, technicianId: string) {
  const assignee = await tx.technician.findFirst({
    where: { id: technicianId, disabled: false },
    select: { id: true, name: true },
  });
  if (!assignee)
    throw new DomainError(
      "invalid_assignee",
      "This technician does not exist or is disabled: choose another one.",
      400,
    );
  return assignee;
}
