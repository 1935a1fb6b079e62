import { getTranslator, type Locale } from "@helpline/i18n";
import { escapeHtml } from "../mail/escape-html.ts";
import type { MailRecipient, OutgoingMail } from "../mail/enqueue-mail.ts";
import { ticketMailSubject } from "../tickets/ticket-mail.ts";

/**
 * The Customer Portal sign-in mail: one link per customer the address is a contact of (several
 * links name their customer). Written from the catalog's `mail.signIn` messages in `locale`, subject
 * included: the contact's language (getContactLanguage), the first contact's when the address is a
 * contact of several customers (see requestPortalSignIn). `brand` is the portal's name.
 */
export function portalSignInMail(options: {
  to: string;
  links: { customerName: string; url: string }[];
  brand: string;
  locale: Locale;
}): OutgoingMail {
  const t = getTranslator(options.locale, "mail");
  const single = options.links.length === 1;
  const count = options.links.length;
  const text = [
    t("greeting"),
    "",
    t("signIn.intro", { count, brand: options.brand }),
    "",
    ...options.links.map((link) =>
      single ? link.url : t("signIn.linkLine", { customer: link.customerName, url: link.url }),
    ),
    "",
    t("signIn.ignore"),
  ].join("\n");
  const html = `<p>${t("greeting")}</p>
<p>${t("signIn.intro", { count, brand: escapeHtml(options.brand) })}</p>
${options.links.map((link) => `<p><a href="${escapeHtml(link.url)}">${single ? t("signIn.link") : t("signIn.linkTo", { customer: escapeHtml(link.customerName) })}</a></p>`).join("\n")}
<p>${t("signIn.ignore")}</p>`;
  return {
    to: { name: null, address: options.to },
    subject: t("signIn.subject", { brand: options.brand }),
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
