import { getPrisma, isDatabaseUnavailable, Prisma } from "@helpline/db";
import { formatBytes } from "@helpline/protocol";
import { config } from "../config/config.ts";
import type { TUnknownSenderPolicy } from "./email-settings-input.ts";
import { fileMail } from "./file-mail.ts";
import { getEmailSettings } from "./get-email-settings.ts";
import { findEarlierMail, inboundMailRow, isUniqueViolation } from "./inbound-mail-row.ts";
import { isOurTestMail } from "./is-our-test-mail.ts";
import { parseInboundMail, type ParsedInboundMail } from "./parse-inbound-mail.ts";
import { recordFailedMail } from "./record-failed-mail.ts";

export type IngestVia = "imap" | "smtp" | "test";

/**
 * What became of one raw message. `duplicate`: this message (same dedupe key) was stored before,
 * nothing changed; `inboundMailId`/`ticketNumber` then name the earlier record. `reason` says in
 * words why a mail was ignored, failed, was automatic, or got no receipt.
 */
export type IngestResult = {
  outcome: "created" | "appended" | "ignored" | "bounce" | "test" | "duplicate" | "failed";
  inboundMailId: string | null;
  ticketNumber: number | null;
  reason: string | null;
};

// Mail with many large attachments writes several MiB in one transaction; PGlite on a busy machine
// needs longer than Prisma's 5 s default.
const TRANSACTION = { maxWait: 10_000, timeout: 60_000 };
const WRITE_CONFLICT_ATTEMPTS = 3;

/**
 * Turns one raw RFC 5322 message, as IMAP or inbound SMTP received it, into ticket activity,
 * exactly once: the InboundMail row (unique `dedupeKey`: the Message-ID, else a SHA-256 of the raw
 * bytes) is written in the same transaction as everything the mail causes, so the same message
 * delivered twice, in parallel or after a crash between storing and moving it, is filed once and
 * the other delivery returns `duplicate` having changed nothing.
 *
 * What the mail causes, each rule documented where it lives:
 * - `fileMail` (file-mail.ts): the order of the rules and the "Which ticket a message
 *   belongs to" 3 and 4 (a known contact's new ticket with a receipt; an unknown sender's under
 *   Settings ▸ Email ▸ Unknown senders, capped per hour); automatic mail never opens a ticket;
 * - `findMailTicket` (find-mail-ticket.ts): rules 1 and 2, the ticket a mail continues by thread
 *   or `[#N]` tag, and who may add to it (anyone else's mail is new mail);
 * - `fileMailReply` (file-mail-reply.ts): appending, reopening a Pending or Resolved ticket, and a
 *   follow-up ticket to a Closed one;
 * - `openMailTicket` (open-mail-ticket.ts): a new ticket, its receipt and the hourly caps;
 * - `fileBounce` (file-bounce.ts): an RFC 3464 delivery report naming a mail we sent;
 * - `isOurTestMail` (is-our-test-mail.ts): Helpline's own test mail, recorded as `test` only;
 * - `recordFailedMail` (record-failed-mail.ts): a mail that could not be read or filed. A mail
 *   larger than `config().inbound.maxBytes` is recorded `failed` unread, without its bytes.
 *
 * Never throws for a bad message (it is recorded `failed` with the reason); throws only when the
 * database cannot be reached, and then nothing was stored: the caller must leave the message
 * where it is (not move it, not acknowledge it) and offer it again later.
 */
export async function ingestMail(options: { raw: Buffer; via: IngestVia; now?: Date }): Promise<IngestResult> {
  const { raw, via } = options;
  const now = options.now ?? new Date();
  const maxBytes = config().inbound.maxBytes;
  if (raw.byteLength > maxBytes) {
    return recordFailedMail({
      raw,
      via,
      now,
      parsed: null,
      reason: `The mail is larger than ${formatBytes(maxBytes)} (INBOUND_MAIL_MAX_BYTES): ${formatBytes(raw.byteLength)}. It was not read.`,
    });
  }
  let parsed: ParsedInboundMail;
  try {
    parsed = await parseInboundMail(raw, { maxBytes });
  } catch (error) {
    return recordFailedMail({ raw, via, now, parsed: null, reason: `The mail could not be read: ${messageOf(error)}` });
  }
  const earlier = await findEarlierMail(parsed.dedupeKey);
  if (earlier) return earlier;
  const policy = (await getEmailSettings()).unknownSenders;
  const sender = parsed.from?.address.trim().toLowerCase() || null;
  const isTestMail = await isOurTestMail(parsed);
  for (let attempt = 1; ; attempt++) {
    try {
      return await fileOnce({ raw, via, now, parsed, sender, policy, isTestMail });
    } catch (error) {
      if (isUniqueViolation(error)) {
        const stored = await findEarlierMail(parsed.dedupeKey);
        if (stored) return stored;
      }
      if (isDatabaseUnavailable(error)) throw error;
      // A deadlock between two mails touching the same contacts and ticket: PostgreSQL chose this
      // one to give way, and it rolled back whole; running it again is safe.
      if (isWriteConflict(error) && attempt < WRITE_CONFLICT_ATTEMPTS) continue;
      return recordFailedMail({
        raw,
        via,
        now,
        parsed,
        reason: `Helpline could not file the mail: ${messageOf(error)}`,
      });
    }
  }
}

/** One transaction: the InboundMail row (the dedupe guard) and everything the mail causes. */
async function fileOnce(options: {
  raw: Buffer;
  via: IngestVia;
  now: Date;
  parsed: ParsedInboundMail;
  sender: string | null;
  policy: TUnknownSenderPolicy;
  isTestMail: boolean;
}): Promise<IngestResult> {
  const { parsed, sender, now, policy, isTestMail } = options;
  return getPrisma().$transaction(async (tx) => {
    const row = await tx.inboundMail.create({
      data: { ...inboundMailRow(options), outcome: "failed" },
      select: { id: true },
    });
    const decision = await fileMail(tx, { parsed, sender, now, policy, isTestMail });
    await tx.inboundMail.update({
      where: { id: row.id },
      data: {
        outcome: decision.outcome,
        reason: decision.reason,
        ticketId: decision.ticket?.id ?? null,
        ticketMessageId: decision.ticketMessageId ?? null,
      },
    });
    return {
      outcome: decision.outcome,
      inboundMailId: row.id,
      ticketNumber: decision.ticket?.number ?? null,
      reason: decision.reason,
    };
  }, TRANSACTION);
}

// P2034 is Prisma's "write conflict or deadlock"; 40P01/40001 are PostgreSQL's own codes for them.
function isWriteConflict(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034") return true;
  return /\b(40P01|40001)\b|deadlock detected/.test(messageOf(error));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
