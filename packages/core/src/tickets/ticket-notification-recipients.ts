import type { Prisma } from "@helpline/db";

/**
 * Who hears of something a ticket needs (a contact's answer, an SLA alert): its assignee, or every
 * active technician while nobody (or a disabled technician) is assigned, by email address.
 * Inside the caller's transaction; throws Prisma's not-found error for an unknown ticket.
 */
export async function ticketNotificationRecipients(
  tx: Prisma.TransactionClient,
  ticketId: string,
): Promise<{ name: string; email: string }[]> {
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    select: { assignee: { select: { name: true, email: true, disabled: true } } },
  });
  if (ticket.assignee && !ticket.assignee.disabled) return [ticket.assignee];
  return tx.technician.findMany({
    where: { disabled: false },
    select: { name: true, email: true },
    orderBy: { email: "asc" },
  });
}
