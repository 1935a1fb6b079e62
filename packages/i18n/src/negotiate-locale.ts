import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./locales.ts";

/**
 * The Helpline language for one BCP 47 tag, such as the Windows display language an agent reports
 * ("fr-FR", "fr-CA" → "fr"; "en-US" → "en"), by the lookup of RFC 4647 §3.4 (@formatjs'
 * best-fit matcher). Null when the tag is empty, malformed or a language Helpline does not have
 * ("de-DE"), so the caller goes on to its next source instead of taking English for a German.
 */
export function localeFromTag(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  let canonical: string;
  try {
    // Windows and POSIX spell tags "fr_FR" or "fr_FR.UTF-8"; Intl wants "fr-FR".
    canonical = Intl.getCanonicalLocales(tag.trim().replace(/\..*$/, "").replace(/_/g, "-"))[0] ?? "";
  } catch {
    return null;
  }
  if (!canonical) return null;
  const found = match([canonical], LOCALES, "und", { algorithm: "lookup" });
  return found === "und" ? null : (found as Locale);
}

/**
 * The language for an HTTP `Accept-Language` header (RFC 9110 §12.5.4): the first of the
 * browser's languages, by its q-values, that Helpline has; `fallback` (English unless given; null
 * for a caller with a next source of its own) when none is, or the header is missing or malformed.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined, fallback?: Locale): Locale;
export function negotiateLocale(acceptLanguage: string | null | undefined, fallback: null): Locale | null;
export function negotiateLocale(
  acceptLanguage: string | null | undefined,
  fallback: Locale | null = DEFAULT_LOCALE,
): Locale | null {
  if (!acceptLanguage) return fallback;
  const wanted = new Negotiator({ headers: { "accept-language": acceptLanguage } }).languages();
  for (const tag of wanted) {
    const locale = localeFromTag(tag);
    if (locale) return locale;
  }
  return fallback;
}
