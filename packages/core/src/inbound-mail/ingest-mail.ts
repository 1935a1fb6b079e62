import { getPrisma, isDatabaseUnavailable, Prisma } from "@helpline/db";
import { formatBytes } from "@helpline/protocol";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { config } from "../config/config.ts";
import { publicUrl } from "../links/public-url.ts";
import { enqueueTicketMail } from "../mail/enqueue-ticket-mail.ts";
import { ticketPortalUrl } from "../portal/portal-links.ts";
import { lockTicket } from "../tickets/lock-ticket.ts";
import { notifyContactReply } from "../tickets/notify-contact-reply.ts";
import { ticketReceiptMail } from "../tickets/ticket-mail.ts";
import { getEmailSettings } from "./get-email-settings.ts";
import { findEarlierMail, inboundMailRow, isUniqueViolation } from "./inbound-mail-row.ts";
import { isOurTestMail } from "./is-our-test-mail.ts";
import { createMailTicket, mailMessageBody, rememberMessageId } from "./create-mail-ticket.ts";
import { keepMailAttachments } from "./mail-attachments.ts";
import { clearBounceMarks, findSenderContact, markBounced, senderOnTicket, type SenderContact } from "./mail-sender.ts";
import { parseInboundMail, type ParsedInboundMail } from "./parse-inbound-mail.ts";
import {
  RECEIPTS_PER_SENDER_PER_HOUR,
  STRANGER_TICKETS_PER_SENDER_PER_HOUR,
  takeReceiptSlot,
  takeStrangerTicketSlot,
} from "./take-receipt-slot.ts";
import { recordFailedMail } from "./record-failed-mail.ts";
import type { TUnknownSenderPolicy } from "./email-settings-input.ts";

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

type Decision = {
  outcome: "created" | "appended" | "ignored" | "bounce" | "test";
  ticket: { id: string; number: number } | null;
  ticketMessageId?: string;
  reason: string | null;
};

type Filing = {
  parsed: ParsedInboundMail;
  sender: string | null;
  now: Date;
  policy: TUnknownSenderPolicy;
  isTestMail: boolean;
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
 * Which ticket (the "Which ticket a message belongs to"):
 * 1. In-Reply-To/References naming a Message-ID in TicketMailId (sent or received) → that ticket;
 * 2. else the subject tag `[#N]` → ticket N, only when the sender is its contact or a contact of its
 *    customer (a tag alone is guessable);
 * 3. else a known contact (see `findSenderContact` for an address shared by several customers) →
 *    a new ticket for their customer, source "email", with a receipt (at most
 *    RECEIPTS_PER_SENDER_PER_HOUR per address and hour);
 * 4. else an unknown sender → Settings ▸ Email ▸ Unknown senders: `create` a ticket without a
 *    customer (requesterEmail/Name; never a receipt; at most STRANGER_TICKETS_PER_SENDER_PER_HOUR
 *    per address and hour, later mail ignored) or `ignore` (kept 30 days in Ignored mail).
 * On a matched ticket (1, 2) the sender must be a contact of its customer, its contact, or (1 only)
 * its requester; anyone else's mail (a colleague in Cc) is treated as new mail (3, 4), so nobody
 * posts into a ticket whose customer they are not. A person's reply is mailed to the assignee and
 * reopens a Pending or Resolved ticket, as a portal reply does; to a Closed ticket it opens a
 * follow-up ticket (`followUpOfId`).
 *
 * Automatic mail (RFC 3834 Auto-Submitted, bulk, auto-replies, our own loop header…) is stored on
 * its ticket without reopening it, or ignored; it never gets a receipt nor opens a ticket. A bounce
 * (RFC 3464 delivery report) naming a mail we sent marks each failed recipient's contacts and
 * leaves a technician-only note on the ticket the bounced mail belonged to. A mail carrying X-Helpline-Test-Mail is recorded
 * as `test` and nothing else only when its token is the one Helpline put in the test mail with that
 * Message-ID (test-mail-record.ts); anyone can write the header, so otherwise it is ordinary mail. A mail larger than `config().inbound.maxBytes` is recorded `failed`
 * unread, without its bytes.
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

async function fileMail(tx: Prisma.TransactionClient, filing: Filing): Promise<Decision> {
  const { parsed, sender } = filing;
  if (filing.isTestMail) return { outcome: "test", ticket: null, reason: null };
  if (parsed.bounce) return fileBounce(tx, filing, parsed.bounce);
  if (!sender) return { outcome: "ignored", ticket: null, reason: "The mail has no sender address." };
  const automatic = parsed.automatic?.reason ?? null;
  if (!automatic) await clearBounceMarks(tx, sender);

  const matched = await matchTicket(tx, parsed, sender);
  if (matched) {
    await lockTicket(tx, { id: matched.id });
    // Read after the lock: a status change committed meanwhile decides what this mail does.
    const ticket = await tx.ticket.findUniqueOrThrow({
      where: { id: matched.id },
      select: {
        id: true,
        number: true,
        title: true,
        status: true,
        customerId: true,
        requesterEmail: true,
        requesterName: true,
      },
    });
    if (automatic || ticket.status !== "closed") {
      return appendMail(tx, { filing, ticket, contact: matched.contact, automatic });
    }
    if (!matched.contact) {
      const capped = await strangerCapped(tx, sender, filing.now);
      if (capped) return capped;
    }
    const followUp = await openTicket(tx, {
      filing,
      customerId: ticket.customerId,
      contact: matched.contact,
      requester: matched.contact ? null : { email: sender, name: parsed.from?.name ?? ticket.requesterName },
      followUpOfId: ticket.id,
    });
    return {
      ...followUp,
      reason: followUp.reason ?? `Ticket #${ticket.number} is closed: this mail opened a new ticket.`,
    };
  }
  if (automatic) return { outcome: "ignored", ticket: null, reason: automatic };
  const contact = await findSenderContact(tx, sender);
  if (contact) return openTicket(tx, { filing, customerId: contact.customerId, contact, requester: null });
  if (filing.policy === "ignore") {
    return {
      outcome: "ignored",
      ticket: null,
      reason: "The sender is no contact of any customer, and Settings ▸ Email ▸ Unknown senders is set to Ignore.",
    };
  }
  const capped = await strangerCapped(tx, sender, filing.now);
  if (capped) return capped;
  return openTicket(tx, {
    filing,
    customerId: null,
    contact: null,
    requester: { email: sender, name: parsed.from?.name ?? null },
  });
}

/**
 * Takes one of the unknown sender's new-ticket slots for this hour; when they are spent, the
 * decision to ignore the mail instead (it stays in Ignored mail). Null: the ticket may be opened.
 */
async function strangerCapped(tx: Prisma.TransactionClient, sender: string, now: Date): Promise<Decision | null> {
  if (await takeStrangerTicketSlot(tx, { address: sender, now })) return null;
  return {
    outcome: "ignored",
    ticket: null,
    reason: `The sender is no contact of any customer and already opened ${STRANGER_TICKETS_PER_SENDER_PER_HOUR} tickets this hour.`,
  };
}

/** Rules 1 and 2: the ticket this mail continues, if its sender may add to it. */
async function matchTicket(
  tx: Prisma.TransactionClient,
  parsed: ParsedInboundMail,
  sender: string,
): Promise<{ id: string; contact: SenderContact | null } | null> {
  const threaded = await threadTicket(tx, parsed);
  const byTag =
    threaded === null && parsed.tagNumber !== null
      ? await tx.ticket.findUnique({ where: { number: parsed.tagNumber }, select: TICKET_REF })
      : null;
  const ticket = threaded ?? byTag;
  if (!ticket) return null;
  const { allowed, contact } = await senderOnTicket(tx, { ticket, address: sender, requester: threaded !== null });
  return allowed ? { id: ticket.id, contact } : null;
}

const TICKET_REF = { id: true, number: true, customerId: true, contactId: true, requesterEmail: true } as const;

/** The ticket whose mail this one answers (In-Reply-To first, then References newest first). */
async function threadTicket(tx: Prisma.TransactionClient, parsed: ParsedInboundMail) {
  const ids = [...new Set([...parsed.inReplyTo, ...[...parsed.references].reverse()])];
  if (ids.length === 0) return null;
  const known = await tx.ticketMailId.findMany({
    where: { messageId: { in: ids } },
    select: { messageId: true, ticket: { select: TICKET_REF } },
  });
  for (const id of ids) {
    const hit = known.find((row) => row.messageId === id);
    if (hit) return hit.ticket;
  }
  return null;
}

async function appendMail(
  tx: Prisma.TransactionClient,
  options: {
    filing: Filing;
    ticket: { id: string; number: number; title: string; status: string; requesterName: string | null };
    contact: SenderContact | null;
    automatic: string | null;
  },
): Promise<Decision> {
  const { filing, ticket, contact, automatic } = options;
  const { kept, dropped } = keepMailAttachments(filing.parsed.attachments);
  const body = mailMessageBody(filing.parsed, dropped);
  const message = await tx.ticketMessage.create({
    data: {
      ticketId: ticket.id,
      kind: "reply",
      authorContactId: contact?.id ?? null,
      body,
      attachments: { create: kept.map((attachment) => ({ ...attachment, ticketId: ticket.id })) },
    },
    select: { id: true, createdAt: true },
  });
  // An auto-reply ("I am out of office") is no answer from the person: the ticket keeps waiting.
  const reopen = !automatic && (ticket.status === "pending" || ticket.status === "resolved");
  await tx.ticket.update({
    where: { id: ticket.id },
    data: { updatedAt: message.createdAt, ...(reopen ? { status: "open" } : {}) },
  });
  await rememberMessageId(tx, filing.parsed, ticket.id);
  // The assignee hears of a person's answer as from the portal; an auto-reply is only stored.
  const notified = automatic
    ? 0
    : await notifyContactReply(tx, {
        ticket,
        contactName: contact?.fullName ?? filing.parsed.from?.name ?? filing.sender ?? "The requester",
        body,
        consoleUrl: config().publicUrl ?? null,
      });
  await recordAuditEvent(tx, {
    actor: contact ? { type: "contact", id: contact.id } : { type: "system" },
    action: "ticket.contact_replied",
    subject: `ticket:${ticket.id}`,
    data: {
      number: ticket.number,
      message: message.id,
      via: "email",
      notified,
      attachments: kept.length,
      ...(automatic ? { automatic } : {}),
      ...(reopen ? { changes: { status: { from: ticket.status, to: "open" } } } : {}),
    },
  });
  return {
    outcome: "appended",
    ticket: { id: ticket.id, number: ticket.number },
    ticketMessageId: message.id,
    reason: automatic,
  };
}

async function openTicket(
  tx: Prisma.TransactionClient,
  options: {
    filing: Filing;
    customerId: string | null;
    contact: SenderContact | null;
    requester: { email: string; name: string | null } | null;
    followUpOfId?: string;
  },
): Promise<Decision> {
  const { filing, contact } = options;
  const ticket = await createMailTicket(tx, {
    parsed: filing.parsed,
    customerId: options.customerId,
    contact,
    requester: options.requester,
    followUpOfId: options.followUpOfId ?? null,
    actor: contact ? { type: "contact", id: contact.id } : { type: "system" },
  });
  const reason = contact ? await sendReceipt(tx, { filing, contact, ticket }) : null;
  return { outcome: "created", ticket: { id: ticket.id, number: ticket.number }, reason };
}

/** The receipt to a contact's new mail ticket, unless the hourly cap is spent; returns why not, or null. */
async function sendReceipt(
  tx: Prisma.TransactionClient,
  options: {
    filing: Filing;
    contact: SenderContact;
    ticket: { id: string; number: number; title: string };
  },
): Promise<string | null> {
  const { filing, contact, ticket } = options;
  const address = contact.email.trim().toLowerCase();
  if (!(await takeReceiptSlot(tx, { address, now: filing.now }))) {
    return `No receipt sent: ${address} already got ${RECEIPTS_PER_SENDER_PER_HOUR} receipts this hour.`;
  }
  const portalUrl = ticketPortalUrl(publicUrl({ protocol: "http", host: null }), ticket.number);
  await enqueueTicketMail(tx, {
    ticketId: ticket.id,
    kind: "receipt",
    ...ticketReceiptMail({ to: contact.email, fullName: contact.fullName, ticket: { ...ticket, portalUrl } }),
    inReplyTo: filing.parsed.messageId,
  });
  return null;
}

async function fileBounce(
  tx: Prisma.TransactionClient,
  filing: Filing,
  bounce: NonNullable<ParsedInboundMail["bounce"]>,
): Promise<Decision> {
  if (!(await namesMailWeSent(tx, filing.parsed))) {
    return {
      outcome: "bounce",
      ticket: null,
      reason: `The delivery report names no mail Helpline sent, so no contact was marked: ${bounce.reason}`,
    };
  }
  await markBounced(tx, { addresses: bounce.recipients, reason: bounce.reason, at: filing.now });
  const ticket = await threadTicket(tx, filing.parsed);
  if (!ticket) return { outcome: "bounce", ticket: null, reason: bounce.reason };
  await lockTicket(tx, { id: ticket.id });
  const recipients = bounce.recipients.length ? bounce.recipients.join(", ") : "the contact";
  const note = await tx.ticketMessage.create({
    data: { ticketId: ticket.id, kind: "note", body: `Mail to ${recipients} bounced: ${bounce.reason}` },
    select: { id: true, createdAt: true },
  });
  await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: note.createdAt } });
  await recordAuditEvent(tx, {
    actor: { type: "system" },
    action: "ticket.mail_bounced",
    subject: `ticket:${ticket.id}`,
    data: { number: ticket.number, message: note.id, recipients: bounce.recipients },
  });
  return {
    outcome: "bounce",
    ticket: { id: ticket.id, number: ticket.number },
    ticketMessageId: note.id,
    reason: bounce.reason,
  };
}

/**
 * Whether a delivery report is about mail Helpline sent: its In-Reply-To/References or the quoted
 * original's Message-ID (RFC 3464 §2 returns the headers) name an outbox mail or a ticket mail we
 * sent. Anyone can write a report, so one naming nothing of ours marks no contact as bouncing.
 */
async function namesMailWeSent(tx: Prisma.TransactionClient, parsed: ParsedInboundMail): Promise<boolean> {
  const ids = [...new Set([...parsed.inReplyTo, ...parsed.references])];
  if (ids.length === 0) return false;
  if ((await tx.ticketMailId.count({ where: { messageId: { in: ids }, direction: "sent" } })) > 0) return true;
  return (await tx.outboxMessage.count({ where: { messageId: { in: ids } } })) > 0;
}

// P2034 is Prisma's "write conflict or deadlock"; 40P01/40001 are PostgreSQL's own codes for them.
function isWriteConflict(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034") return true;
  return /\b(40P01|40001)\b|deadlock detected/.test(messageOf(error));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
