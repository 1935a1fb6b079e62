import { formatZonedDateTime, getTranslator, type Locale } from "@helpline/i18n";
import { escapeHtml } from "../mail/escape-html.ts";
import type { OutgoingMail } from "../mail/enqueue-mail.ts";

/**
 * The token mail: the token on a line of its own, what it is for, and when it expires. Written from
 * the catalog's `mail.identity` messages in `locale` (the recipient's, see sendIdentityToken: the
 * contact the address already is at the device's customer, else getProfileLanguage), subject
 * included. The expiry is written in `timeZone` (IANA; the customer's, see
 * getCustomerTimeZone) in that language with the zone named: "1 Dec 2026, 10:15 CET", "1 déc. 2026,
 * 10:15 CET". Throws RangeError for an unknown zone.
 */
export function identityTokenMail(options: {
  to: string;
  fullName: string;
  token: string;
  hostname: string;
  expiresAt: Date;
  timeZone: string;
  locale: Locale;
}): OutgoingMail {
  const { locale } = options;
  const t = getTranslator(locale, "mail");
  const expires = formatZonedDateTime(options.expiresAt, options.timeZone, locale);
  const text = [
    t("hello", { name: options.fullName }),
    "",
    t.markup("identity.intro", { hostname: options.hostname, b: (chunks) => chunks }),
    "",
    options.token,
    "",
    t("identity.expiry", { expires }),
  ].join("\n");
  const html = `<p>${t("hello", { name: escapeHtml(options.fullName) })}</p>
<p>${t.markup("identity.intro", { hostname: escapeHtml(options.hostname), b: (chunks) => `<b>${chunks}</b>` })}</p>
<p style="font-size:22px;font-family:monospace;letter-spacing:2px"><b>${options.token}</b></p>
<p>${t("identity.expiry", { expires })}</p>`;
  return {
    to: { name: options.fullName, address: options.to },
    subject: t("identity.subject"),
    text,
    html,
  };
}
