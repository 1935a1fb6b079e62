import { getPrisma } from "@helpline/db";
import type { TechnicianActor } from "../actor.ts";
import type { TListIgnoredMailInput } from "./inbound-mail-input.ts";
import { ignoredMailSince } from "./purge-ignored-mail.ts";

const IGNORED_MAIL_PAGE_SIZE = 50;

/**
 * Settings ▸ Email ▸ Ignored mail (any technician): mail that opened no ticket (unknown senders
 * under the Ignore policy, automatic mail that answered nothing) from the last 30 days, newest
 * first, with why it was ignored. `now` is for tests.
 */
export async function listIgnoredMail(options: { actor: TechnicianActor; input: TListIgnoredMailInput; now?: Date }) {
  const { page } = options.input;
  const where = { outcome: "ignored", receivedAt: { gte: ignoredMailSince(options.now ?? new Date()) } };
  const prisma = getPrisma();
  const [total, mails] = await Promise.all([
    prisma.inboundMail.count({ where }),
    prisma.inboundMail.findMany({
      where,
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * IGNORED_MAIL_PAGE_SIZE,
      take: IGNORED_MAIL_PAGE_SIZE,
      select: {
        id: true,
        fromAddress: true,
        fromName: true,
        subject: true,
        receivedAt: true,
        automatic: true,
        reason: true,
        rawSize: true,
      },
    }),
  ]);
  return { total, page, pageSize: IGNORED_MAIL_PAGE_SIZE, mails };
}
