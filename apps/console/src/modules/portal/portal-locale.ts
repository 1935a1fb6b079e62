import "server-only";
import { getContactLanguage } from "@helpline/core";
import { DEFAULT_LOCALE, negotiateLocale, type Locale } from "@helpline/i18n";
import { headers } from "next/headers";
import { cache } from "react";
import { PORTAL_AREA_HEADER } from "./portal-area.ts";
import { currentContact } from "./session.ts";

/**
 * The language of this request (issue #14): on the Customer Portal, the signed-in contact's
 * (getContactLanguage: chosen, Windows, customer, MSP), else the browser's Accept-Language (the
 * sign-in page, before the person is known); everywhere else English, the technician console's
 * only language. One database read per request at most.
 */
export const requestLocale = cache(async (): Promise<Locale> => {
  const head = await headers();
  if (head.get(PORTAL_AREA_HEADER) !== "1") return DEFAULT_LOCALE;
  const contact = await currentContact();
  if (contact) return getContactLanguage({ contactId: contact.id });
  return negotiateLocale(head.get("accept-language"));
});
