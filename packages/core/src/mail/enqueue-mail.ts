import type { Prisma } from "@helpline/db";

export type OutgoingMail = { to: string; subject: string; text: string; html: string };

/** Writes the mail into the outbox inside the caller's transaction: it exists if and only if what caused it does. */
export async function enqueueMail(tx: Prisma.TransactionClient, mail: OutgoingMail): Promise<{ id: string }> {
  return tx.outboxMessage.create({ data: mail, select: { id: true } });
}
