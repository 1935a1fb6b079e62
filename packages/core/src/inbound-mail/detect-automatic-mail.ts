export type AutomaticMailSigns = {
  /** A header's value (first occurrence, trimmed), or null when absent; names case-insensitive. */
  header: (name: string) => string | null;
  /** The From address, lower-case, or null. */
  fromAddress: string | null;
  /** The mail's own Message-ID (no angle brackets), or null. */
  messageId: string | null;
  /** This Helpline's mail domain, lower-case. */
  domain: string;
  /** The mail is a multipart/report (RFC 6522), e.g. a delivery status notification. */
  isReport: boolean;
  /** The loop header Helpline puts on everything it sends. */
  loopHeader: string;
};

// Local parts of senders that never read replies: RFC 2142 role mailboxes of mail systems
// (mailer-daemon, postmaster) and the "do not reply" senders of notification services.
const ROBOT_SENDER = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+\-._].*)?$/iu;

const AUTO_SUBMITTED_MEANING: Record<string, string> = {
  "auto-replied": "an out-of-office or other automatic reply",
  "auto-generated": "sent by a program",
  "auto-notified": "a delivery notification",
};

/**
 * Whether a mail was sent by a program rather than typed by a person, and why, in words for
 * technicians. Such mail is stored but never answered and never gets a receipt (RFC 3834 §2: an
 * automatic responder must not answer automatic mail; this is what keeps two responders from
 * mailing each other forever). The signs, in the order checked:
 * - Helpline's own loop header, or the mail's own Message-ID under our domain (our mail came back;
 *   an In-Reply-To under our domain is a normal reply and does not count);
 * - a multipart/report (RFC 3464 delivery status, RFC 8098 read receipts);
 * - `Auto-Submitted` other than `no` (RFC 3834 §5);
 * - Exchange's `X-Auto-Response-Suppress` and the `X-Autoreply`/`X-Autorespond` headers of
 *   vacation programs; `Precedence: bulk|list|junk` (RFC 3834 §3.1.8 notes its wide use);
 * - a mailing list (`List-Id`, RFC 2919; `List-Unsubscribe`, RFC 2369);
 * - a robot sender (mailer-daemon, postmaster, noreply, no-reply, do-not-reply, bounce);
 * - an empty Return-Path (`<>`, the null sender of RFC 5321 §4.5.5, used only by bounces and
 *   automatic replies).
 * Returns null when none applies.
 */
export function detectAutomaticMail(signs: AutomaticMailSigns): { reason: string } | null {
  const { header } = signs;
  if (header(signs.loopHeader) !== null) {
    return { reason: `${signs.loopHeader} header: Helpline's own mail came back` };
  }
  const ownDomain = signs.messageId?.toLowerCase().split("@").pop();
  if (signs.messageId !== null && ownDomain === signs.domain) {
    return { reason: `Message-ID under our own domain (${signs.domain}): Helpline's own mail came back` };
  }
  if (signs.isReport) return { reason: "a delivery report (multipart/report)" };

  const autoSubmitted = header("auto-submitted");
  if (autoSubmitted !== null && autoSubmitted.split(";")[0]!.trim().toLowerCase() !== "no") {
    const keyword = autoSubmitted.split(";")[0]!.trim().toLowerCase();
    const meaning = AUTO_SUBMITTED_MEANING[keyword];
    return { reason: `Auto-Submitted: ${keyword}${meaning ? ` (${meaning})` : ""}` };
  }
  const suppress = header("x-auto-response-suppress");
  if (suppress !== null) {
    return { reason: `X-Auto-Response-Suppress: ${suppress} (Exchange marks its automatic mail so)` };
  }
  for (const name of ["X-Autoreply", "X-Autorespond"]) {
    const value = header(name);
    if (value !== null) return { reason: `${name}: ${value} (an automatic reply)` };
  }
  const precedence = header("precedence")?.toLowerCase() ?? null;
  if (precedence !== null && ["bulk", "list", "junk"].includes(precedence)) {
    return { reason: `Precedence: ${precedence} (bulk mail)` };
  }
  const listId = header("list-id");
  if (listId !== null) return { reason: `List-Id: ${listId} (a mailing list)` };
  if (header("list-unsubscribe") !== null) return { reason: "List-Unsubscribe (a mailing list or newsletter)" };

  const localPart = signs.fromAddress?.split("@")[0] ?? "";
  if (ROBOT_SENDER.test(localPart)) {
    return { reason: `sent from ${signs.fromAddress}, an address that does not read replies` };
  }
  if (header("return-path")?.replace(/\s/gu, "") === "<>") {
    return { reason: "Return-Path: <> (the null sender of bounces and automatic replies)" };
  }
  return null;
}
