import en from "../locales/en.json" with { type: "json" };
import fr from "../locales/fr.json" with { type: "json" };

/**
 * The languages end users can have, as their catalog's code (ISO 639-1). English is the source
 * catalog: its shape is `Messages`, and every other catalog must have the same keys (the typecheck
 * refuses a missing one here, and catalogs.test.ts a missing key, an extra key or a placeholder
 * that differs). Adding a language is one catalog in `locales/` and its code below.
 */
export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];

/** The language of last resort: the MSP's default before anyone sets one. */
export const DEFAULT_LOCALE: Locale = "en";

export type Messages = typeof en;

export const CATALOGS = { en, fr } satisfies Record<Locale, Messages>;

/** True for one of LOCALES ("fr"), false for anything else ("fr-FR", "de", null). */
export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The language's own name ("Français"), for a language picker. */
export function languageName(locale: Locale): string {
  return CATALOGS[locale].meta.name;
}

/**
 * The BCP 47 tag `Intl` formats with for `locale` ("en" → "en-GB", "fr" → "fr-FR"): day before
 * month and a 24-hour clock, as the MSPs and offices Helpline is for write them.
 */
export function intlLocale(locale: Locale): string {
  return CATALOGS[locale].meta.intlLocale;
}
