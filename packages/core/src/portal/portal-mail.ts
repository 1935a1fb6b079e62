import { escapeHtml } from "../mail/escape-html.ts";
import type { MailRecipient, OutgoingMail } from "../mail/enqueue-mail.ts";
import { ticketMailSubject } from "../tickets/ticket-mail.ts";

/** The Customer Portal sign-in mail: one link per customer the address is a contact of. */
export function portalSignInMail(options: {
  to: string;
  links: { customerName: string; url: string }[];
  brand: string;
}): OutgoingMail {
  const text = [
    "Hello,",
    "",
    `Use ${options.links.length === 1 ? "this link" : "one of these links"} to sign in to the ${options.brand} Customer Portal. ${options.links.length === 1 ? "It works" : "Each works"} once, within 15 minutes:`,
    "",
    ...options.links.map((link) => (options.links.length === 1 ? link.url : `${link.customerName}: ${link.url}`)),
    "",
    "If you did not ask for it, ignore this mail: nobody can sign in without it.",
  ].join("\n");
  const html = `<p>Hello,</p>
<p>Use ${options.links.length === 1 ? "this link" : "one of these links"} to sign in to the ${escapeHtml(options.brand)} Customer Portal. ${options.links.length === 1 ? "It works" : "Each works"} once, within 15 minutes:</p>
${options.links.map((link) => `<p><a href="${escapeHtml(link.url)}">Sign in${options.links.length === 1 ? "" : ` to ${escapeHtml(link.customerName)}`}</a></p>`).join("\n")}
<p>If you did not ask for it, ignore this mail: nobody can sign in without it.</p>`;
  return {
    to: { name: null, address: options.to },
    subject: `Sign in to the ${options.brand} Customer Portal`,
    text,
    html,
  };
}

/** A contact's portal reply, mailed to the assignee (or to every technician when nobody is assigned). */
export function contactReplyMail(options: {
  to: MailRecipient;
  contactName: string;
  body: string;
  ticket: { number: number; title: string; consoleUrl: string | null };
}): OutgoingMail {
  const { ticket } = options;
  const where = ticket.consoleUrl
    ? `Answer in the console: ${ticket.consoleUrl}`
    : `Answer in the console: Tickets ▸ #${ticket.number}.`;
  const text = [
    `${options.contactName} replied to ticket #${ticket.number} (${ticket.title}):`,
    "",
    options.body,
    "",
    where,
  ].join("\n");
  const html = `<p>${escapeHtml(options.contactName)} replied to ticket <b>#${ticket.number}</b> (${escapeHtml(ticket.title)}):</p>
<blockquote style="border-left:3px solid #cbd5e1;margin:0;padding-left:12px;white-space:pre-wrap">${escapeHtml(options.body)}</blockquote>
<p>${ticket.consoleUrl ? `<a href="${escapeHtml(ticket.consoleUrl)}">Answer in the console</a>` : `Answer in the console: Tickets ▸ #${ticket.number}.`}</p>`;
  return { to: options.to, subject: ticketMailSubject(ticket, { first: false }), text, html };
}
