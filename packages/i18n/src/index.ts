// The end users' languages: catalogs, choosing a language, translating and writing times. No
// database and no Node-only module: the agent, the mails and the portal's client components share it.
export {
  CATALOGS,
  DEFAULT_LOCALE,
  LOCALES,
  intlLocale,
  isLocale,
  languageName,
  type Locale,
  type Messages,
} from "./locales.ts";
export { localeFromTag, negotiateLocale } from "./negotiate-locale.ts";
export { getTranslator, type Namespace, type Translator } from "./translator.ts";
export { formatZonedDateTime, formatZonedDay, zoneAbbreviation } from "./format-zoned-time.ts";
