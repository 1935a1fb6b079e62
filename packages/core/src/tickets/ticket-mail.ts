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

/**
 * The receipt a contact gets when their ticket is created: its number, where to follow it and,
 * when an SLA gives one (`firstReplyDue`, from the ticket's SLA calendar, see expectedFirstReply),
 * when the first reply is due: "We will reply by Tuesday 3 December, 09:30 CET", written in that
 * calendar's zone with the zone named. `firstReplyDue` null: no promise is made. `now` decides
 * whether the day needs its year.
 */
export function ticketReceiptMail(options: {
  to: string;
  fullName: string;
  ticket: TicketRef;
  firstReplyDue: FirstReplyDue | null;
  now?: Date;
}): OutgoingMail {
  const { ticket } = options;
  const promise = options.firstReplyDue ? `${firstReplySentence(options.firstReplyDue, options.now)}.` : null;
  const text = [
    `Hello ${options.fullName},`,
    "",
    `We received your ticket #${ticket.number}: ${ticket.title}`,
    "",
    ...(promise ? [promise, ""] : []),
    "A technician will answer you by email and in the Customer Portal:",
    ticket.portalUrl,
  ].join("\n");
  const html = `<p>Hello ${escapeHtml(options.fullName)},</p>
<p>We received your ticket <b>#${ticket.number}</b>: ${escapeHtml(ticket.title)}</p>
${promise ? `<p><b>${escapeHtml(promise)}</b></p>\n` : ""}<p>A technician will answer you by email and in the <a href="${escapeHtml(ticket.portalUrl)}">Customer Portal</a>.</p>`;
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
 * is offered.
 */
export function ticketReplyMail(options: {
  to: string;
  fullName: string;
  technicianName: string;
  body: string;
  ticket: TicketRef;
  answerByMail: boolean;
}): OutgoingMail {
  const { ticket } = options;
  const how = options.answerByMail
    ? "To answer, reply to this mail or open the ticket in the"
    : "To answer, open the ticket in the";
  const text = [
    `Hello ${options.fullName},`,
    "",
    `${options.technicianName} replied to your ticket #${ticket.number} (${ticket.title}):`,
    "",
    options.body,
    "",
    `${how} Customer Portal: ${ticket.portalUrl}`,
  ].join("\n");
  const html = `<p>Hello ${escapeHtml(options.fullName)},</p>
<p>${escapeHtml(options.technicianName)} replied to your ticket <b>#${ticket.number}</b> (${escapeHtml(ticket.title)}):</p>
<blockquote style="border-left:3px solid #cbd5e1;margin:0;padding-left:12px">${paragraphs(options.body)}</blockquote>
<p>${how} <a href="${escapeHtml(ticket.portalUrl)}">Customer Portal</a>.</p>`;
  return {
    to: { name: options.fullName, address: options.to },
    subject: ticketMailSubject(ticket, { first: false }),
    text,
    html,
  };
}
