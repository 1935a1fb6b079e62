import { getTranslator, type Locale } from "@helpline/i18n";
import { escapeHtml } from "../mail/escape-html.ts";
import type { OutgoingMail } from "../mail/enqueue-mail.ts";
import { firstReplySentence, type FirstReplyDue } from "./expected-first-reply.ts";

function paragraphs(text: string): string {
  return escapeHtml(text)
    .split(/\n{2,}/)
    .map((block) => `<p>${block.replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

type TicketRef = { number: number; title: string; portalUrl: string };

/**
 * The subject of every mail about a ticket: `[#N] title` for the first one (the receipt), `Re: [#N]
 * title` for every later one. The same words each time, because Gmail and Outlook group a
 * conversation by subject as well as by In-Reply-To/References: a subject that said what happened
 * ("New reply: …") split one ticket into several threads. What happened is the body's to say.
 */
export function ticketMailSubject(ticket: { number: number; title: string }, options: { first: boolean }): string {
  return `${options.first ? "" : "Re: "}[#${ticket.number}] ${ticket.title}`;
}

/** A tag that renders as its text in a mail's text part. */
const plain = (chunks: string) => chunks;

/** `<portal>…</portal>` in a message: a link to the ticket in the Customer Portal, for the HTML part. */
const portalLink = (url: string) => (chunks: string) => `<a href="${escapeHtml(url)}">${chunks}</a>`;

/**
 * The receipt a contact gets when their ticket is created: its number, where to follow it and,
 * when an SLA gives one (`firstReplyDue`, from the ticket's SLA calendar, see expectedFirstReply),
 * when the first reply is due: "We will reply by Tuesday 3 December, 09:30 CET", written in that
 * calendar's zone with the zone named. `firstReplyDue` null: no promise is made. `now` decides
 * whether the day needs its year. Written from the catalog's `mail.receipt` messages in `locale`
 * (the contact's, getContactLanguage: their own, their customer's default, the MSP's), the day and
 * month of the promise too ("jeudi 3 décembre, 09:30 CET"); the subject is `[#N] title` in every
 * language (ticketMailSubject), so the thread stays one.
 */
export function ticketReceiptMail(options: {
  to: string;
  fullName: string;
  ticket: TicketRef;
  firstReplyDue: FirstReplyDue | null;
  locale: Locale;
  now?: Date;
}): OutgoingMail {
  const { ticket, locale } = options;
  const t = getTranslator(locale, "mail");
  const number = String(ticket.number);
  const promise = options.firstReplyDue ? `${firstReplySentence(options.firstReplyDue, options.now, locale)}.` : null;
  const text = [
    t("hello", { name: options.fullName }),
    "",
    t.markup("receipt.received", { number, title: ticket.title, b: plain }),
    "",
    ...(promise ? [promise, ""] : []),
    t("receipt.answerText"),
    ticket.portalUrl,
  ].join("\n");
  const html = `<p>${t("hello", { name: escapeHtml(options.fullName) })}</p>
<p>${t.markup("receipt.received", { number, title: escapeHtml(ticket.title), b: (chunks) => `<b>${chunks}</b>` })}</p>
${promise ? `<p><b>${escapeHtml(promise)}</b></p>\n` : ""}<p>${t.markup("receipt.answerHtml", { portal: portalLink(ticket.portalUrl) })}</p>`;
  return {
    to: { name: options.fullName, address: options.to },
    subject: ticketMailSubject(ticket, { first: true }),
    text,
    html,
  };
}

/**
 * A technician's public reply, mailed to the contact with a way to answer. `answerByMail`: Helpline
 * receives mail (IMAP or inbound SMTP, config().inbound), so pressing Reply reaches the ticket and
 * the mail says so; without it a reply by mail would land in an unread mailbox, so only the portal
 * is offered. The framing (greeting, who replied, how to answer) comes from the catalog's
 * `mail.reply` messages in `locale` (the contact's, getContactLanguage); the technician's `body` is
 * sent as written, and the subject is `Re: [#N] title` in every language (ticketMailSubject).
 */
export function ticketReplyMail(options: {
  to: string;
  fullName: string;
  technicianName: string;
  body: string;
  ticket: TicketRef;
  answerByMail: boolean;
  locale: Locale;
}): OutgoingMail {
  const { ticket } = options;
  const t = getTranslator(options.locale, "mail");
  const number = String(ticket.number);
  const byMail = options.answerByMail ? "yes" : "no";
  const text = [
    t("hello", { name: options.fullName }),
    "",
    t.markup("reply.replied", { technician: options.technicianName, number, title: ticket.title, b: plain }),
    "",
    options.body,
    "",
    t("reply.answerText", { byMail, url: ticket.portalUrl }),
  ].join("\n");
  const html = `<p>${t("hello", { name: escapeHtml(options.fullName) })}</p>
<p>${t.markup("reply.replied", {
    technician: escapeHtml(options.technicianName),
    number,
    title: escapeHtml(ticket.title),
    b: (chunks) => `<b>${chunks}</b>`,
  })}</p>
<blockquote style="border-left:3px solid #cbd5e1;margin:0;padding-left:12px">${paragraphs(options.body)}</blockquote>
<p>${t.markup("reply.answerHtml", { byMail, portal: portalLink(ticket.portalUrl) })}</p>`;
  return {
    to: { name: options.fullName, address: options.to },
    subject: ticketMailSubject(ticket, { first: false }),
    text,
    html,
  };
}
