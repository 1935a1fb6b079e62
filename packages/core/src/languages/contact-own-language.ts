import { isLocale, type Locale } from "@helpline/i18n";

/** Who set a contact's own language: the person ("chosen"), or the agent's Windows report ("windows"). */
export type LanguageSource = "chosen" | "windows";

/**
 * A contact's own language as stored (Contact.language, Contact.languageSource), narrowed for a
 * reader: a code that is no longer one of LOCALES counts as none (as in getContactLanguage: the
 * contact then follows their customer's default), and a source other than "chosen" or "windows"
 * as unknown (null).
 */
export function contactOwnLanguage(row: { language: string | null; languageSource: string | null }): {
  language: Locale | null;
  languageSource: LanguageSource | null;
} {
  if (!isLocale(row.language)) return { language: null, languageSource: null };
  const source = row.languageSource === "chosen" || row.languageSource === "windows" ? row.languageSource : null;
  return { language: row.language, languageSource: source };
}
