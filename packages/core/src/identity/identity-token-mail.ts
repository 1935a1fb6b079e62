import { escapeHtml } from "../mail/escape-html.ts";
import type { OutgoingMail } from "../mail/enqueue-mail.ts";
import { formatZonedDateTime } from "@helpline/i18n";

/**
 * The token mail: the token on a line of its own, what it is for, and when it expires, written in
 * `timeZone` (IANA; the customer's, see getCustomerTimeZone) with the zone named: "1 Dec 2026,
 * 10:15 CET". Throws RangeError for an unknown zone.
 */
export function identityTokenMail(options: {
  to: string;
  fullName: string;
  token: string;
  hostname: string;
  expiresAt: Date;
  timeZone: string;
}): OutgoingMail {
  const expires = formatZonedDateTime(options.expiresAt, options.timeZone);
  const text = [
    `Hello ${options.fullName},`,
    "",
    `To confirm your identity in the Helpline helpdesk on ${options.hostname}, enter this token in Personal Info Settings:`,
    "",
    options.token,
    "",
    `It works once and expires at ${expires} (in 15 minutes). If you did not ask for it, ignore this mail.`,
  ].join("\n");
  const html = `<p>Hello ${escapeHtml(options.fullName)},</p>
<p>To confirm your identity in the Helpline helpdesk on ${escapeHtml(options.hostname)}, enter this token in <b>Personal Info Settings</b>:</p>
<p style="font-size:22px;font-family:monospace;letter-spacing:2px"><b>${options.token}</b></p>
<p>It works once and expires at ${expires} (in 15 minutes). If you did not ask for it, ignore this mail.</p>`;
  return {
    to: { name: options.fullName, address: options.to },
    subject: "Your Helpline confirmation token",
    text,
    html,
  };
}
