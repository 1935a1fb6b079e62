import type { Prisma } from "@helpline/db";
import type { TUnknownSenderPolicy } from "./email-settings-input.ts";
import { fileBounce } from "./file-bounce.ts";
import { fileMailReply } from "./file-mail-reply.ts";
import { findMailTicket } from "./find-mail-ticket.ts";
import { clearBounceMarks, findSenderContact } from "./mail-sender.ts";
import { openMailTicket, strangerCapped } from "./open-mail-ticket.ts";
import type { ParsedInboundMail } from "./parse-inbound-mail.ts";

/**
 * One mail being filed: `sender` is its bare lower-case From address (null when it has none),
 * `policy` Settings ▸ Email ▸ Unknown senders, `isTestMail` from `isOurTestMail`.
 */
export type Filing = {
  parsed: ParsedInboundMail;
  sender: string | null;
  now: Date;
  policy: TUnknownSenderPolicy;
  isTestMail: boolean;
};

/** What filing did, as the InboundMail row records it. */
export type Decision = {
  outcome: "created" | "appended" | "ignored" | "bounce" | "test";
  ticket: { id: string; number: number } | null;
  ticketMessageId?: string;
  reason: string | null;
};

/**
 * Everything one mail causes, inside `ingestMail`'s transaction, in this order: our own test mail
 * (is-our-test-mail.ts) → `test`; a delivery report → `fileBounce`; no sender address → ignored;
 * a mail continuing a ticket its sender may add to (rules 1 and 2, `findMailTicket`) →
 * `fileMailReply`; else it is new mail:
 * 3. a known contact (see `findSenderContact` for an address shared by several customers) →
 *    a new ticket for their customer, source "email", with a receipt (at most
 *    RECEIPTS_PER_SENDER_PER_HOUR per address and hour; `openMailTicket`);
 * 4. else an unknown sender → Settings ▸ Email ▸ Unknown senders: `create` a ticket without a
 *    customer (requesterEmail/Name; never a receipt; at most STRANGER_TICKETS_PER_SENDER_PER_HOUR
 *    per address and hour, later mail ignored) or `ignore` (kept 30 days in Ignored mail).
 * Automatic mail (RFC 3834 Auto-Submitted, bulk, auto-replies, our own loop header…) is stored on
 * its ticket without reopening it, or ignored; it never gets a receipt nor opens a ticket. Any
 * other mail from a sender clears their contacts' bounce marks (`clearBounceMarks`).
 */
export async function fileMail(tx: Prisma.TransactionClient, filing: Filing): Promise<Decision> {
  const { parsed, sender } = filing;
  if (filing.isTestMail) return { outcome: "test", ticket: null, reason: null };
  if (parsed.bounce) return fileBounce(tx, filing, parsed.bounce);
  if (!sender) return { outcome: "ignored", ticket: null, reason: "The mail has no sender address." };
  const automatic = parsed.automatic?.reason ?? null;
  if (!automatic) await clearBounceMarks(tx, sender);

  const matched = await findMailTicket(tx, parsed, sender);
  if (matched) return fileMailReply(tx, { filing, sender, matched, automatic });
  if (automatic) return { outcome: "ignored", ticket: null, reason: automatic };
  const contact = await findSenderContact(tx, sender);
  if (contact) return openMailTicket(tx, { filing, customerId: contact.customerId, contact, requester: null });
  if (filing.policy === "ignore") {
    return {
      outcome: "ignored",
      ticket: null,
      reason: "The sender is no contact of any customer, and Settings ▸ Email ▸ Unknown senders is set to Ignore.",
    };
  }
  const capped = await strangerCapped(tx, sender, filing.now);
  if (capped) return capped;
  return openMailTicket(tx, {
    filing,
    customerId: null,
    contact: null,
    requester: { email: sender, name: parsed.from?.name ?? null },
  });
}
