import { escapeHtml } from "../mail/escape-html.ts";
import type { OutgoingMail } from "../mail/enqueue-mail.ts";

function paragraphs(text: string): string {
  return escapeHtml(text)
    .split(/\n{2,}/)
    .map((block) => `<p>${block.replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

type TicketRef = { number: number; title: string; portalUrl: string };

/** The receipt a contact gets when their ticket is created: its number and where to follow it. */
export function ticketReceiptMail(options: { to: string; fullName: string; ticket: TicketRef }): OutgoingMail {
  const { ticket } = options;
  const text = [
    `Hello ${options.fullName},`,
    "",
    `We received your ticket #${ticket.number}: ${ticket.title}`,
    "",
    "A technician will answer you by email and in the Customer Portal:",
    ticket.portalUrl,
  ].join("\n");
  const html = `<p>Hello ${escapeHtml(options.fullName)},</p>
<p>We received your ticket <b>#${ticket.number}</b>: ${escapeHtml(ticket.title)}</p>
<p>A technician will answer you by email and in the <a href="${escapeHtml(ticket.portalUrl)}">Customer Portal</a>.</p>`;
  return {
    to: { name: options.fullName, address: options.to },
    subject: `[#${ticket.number}] We received your ticket: ${ticket.title}`,
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
    subject: `[#${ticket.number}] New reply: ${ticket.title}`,
    text,
    html,
  };
}
