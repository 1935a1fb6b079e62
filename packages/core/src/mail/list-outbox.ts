import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import type { TListOutboxInput } from "./mail-input.ts";

const OUTBOX_PAGE_SIZE = 50;

/** Settings ▸ Outbox (admins): every message with its delivery status, and one message's bodies. */
export async function listOutbox(options: { actor: TechnicianActor; input: TListOutboxInput }) {
  requireAdmin(options.actor);
  const prisma = getPrisma();
  const { page, messageId } = options.input;
  const [total, messages, selected] = await Promise.all([
    prisma.outboxMessage.count(),
    prisma.outboxMessage.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      select: {
        id: true,
        to: true,
        toName: true,
        subject: true,
        kind: true,
        status: true,
        attempts: true,
        lastError: true,
        createdAt: true,
        deliveredAt: true,
      },
    }),
    messageId ? prisma.outboxMessage.findUnique({ where: { id: messageId } }) : null,
  ]);
  return { total, page, pageSize: OUTBOX_PAGE_SIZE, messages, selected };
}
