import type { TicketStatus } from "@helpline/db";
import { DEFAULT_LOCALE, formatZonedDay, getTranslator, type Locale } from "@helpline/i18n";

/** When an end user can expect the first reply: the first-response due time and the zone to say it in. */
export type FirstReplyDue = { at: Date; timeZone: string };

/**
 * The promise an end user may be given about a ticket, or null when there is none to give: the
 * ticket's `firstResponseDueAt` in its SLA calendar's IANA zone, only while it is Open, nobody has
 * replied yet and the due time is still ahead of `now`. Pending (the clock is paused), answered,
 * Resolved/Closed, no SLA, or a due time already passed: null, since a wrong time is worse than
 * none (the design: "say nothing rather than a wrong time").
 */
export function expectedFirstReply(
  ticket: {
    status: TicketStatus;
    firstRespondedAt: Date | null;
    firstResponseDueAt: Date | null;
    slaCalendar: { timeZone: string } | null;
  },
  now: Date = new Date(),
): FirstReplyDue | null {
  if (ticket.status !== "open" || ticket.firstRespondedAt || !ticket.firstResponseDueAt || !ticket.slaCalendar)
    return null;
  if (ticket.firstResponseDueAt.getTime() <= now.getTime()) return null;
  return { at: ticket.firstResponseDueAt, timeZone: ticket.slaCalendar.timeZone };
}

/**
 * The promise for a ticket whose SLA has just started, from `startTicketSla`'s answer (the
 * first-response due time, UTC, and the calendar's IANA zone): null when no SLA applies or the
 * first-response clock does not run (a ticket created Pending).
 */
export function firstReplyDueOf(
  started: { firstResponseDueAt: Date | null; timeZone: string } | null,
): FirstReplyDue | null {
  return started?.firstResponseDueAt ? { at: started.firstResponseDueAt, timeZone: started.timeZone } : null;
}

/**
 * "We will reply by Tuesday 3 December, 09:30 CET" ("Nous vous répondrons au plus tard le mardi 3
 * décembre, 09:30 CET"): the sentence end users read in the receipt, the agent's "Ticket #N
 * created" page and the Customer Portal (the wording; the catalog's `mail.firstReply`), in
 * `locale` (English when not given), the day written in `due.timeZone` with the zone named. `now`
 * decides whether the day needs its year. Throws RangeError for an unknown zone.
 */
export function firstReplySentence(
  due: FirstReplyDue,
  now: Date = new Date(),
  locale: Locale = DEFAULT_LOCALE,
): string {
  return getTranslator(locale, "mail")("firstReply", { day: formatZonedDay(due.at, due.timeZone, now, locale) });
}
