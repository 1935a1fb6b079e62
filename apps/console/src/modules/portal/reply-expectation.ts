import type { FirstReplyDue } from "@helpline/core";
import { formatZonedDay, getTranslator, type Locale } from "@helpline/i18n";
import type { TTicketStatus } from "@helpline/protocol";

/**
 * What the end user can expect next on a ticket, in `locale`, or null: "We will reply by Thursday
 * 3 December, 09:30 CET" while the first reply is due (the zone is the ticket's SLA calendar's,
 * named; the sentence of the receipt mail and the agent's page, firstReplySentence), "Waiting for
 * your answer" while it is Pending (the clocks are paused until they answer), nothing otherwise.
 */
export function replyExpectation(options: {
  ticket: { status: TTicketStatus; firstReplyDue: FirstReplyDue | null };
  locale: Locale;
  now?: Date;
}): string | null {
  const { ticket, locale } = options;
  const t = getTranslator(locale, "portal");
  if (ticket.status === "pending") return t("expectation.pending");
  if (!ticket.firstReplyDue) return null;
  const { at, timeZone } = ticket.firstReplyDue;
  return t("expectation.firstReply", { when: formatZonedDay(at, timeZone, options.now, locale) });
}
