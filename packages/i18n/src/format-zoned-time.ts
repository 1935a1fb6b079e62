import { DEFAULT_LOCALE, intlLocale, type Locale } from "./locales.ts";

/**
 * Times as a person reads them, always with their zone named (the developers' guide: "times name
 * their zone"), in the person's language. Pure Intl (the ICU tz database Node and browsers carry),
 * so the console's client components, the portal, the agent, the mails and the server share one
 * wording.
 */

// Intl names a zone by the abbreviation of the first of these locales that has one ("CET" in
// en-GB, "EST" in en-US, "AEDT" in en-AU, "IST" in en-IN); else by its offset ("GMT+5:30").
const ABBREVIATION_LOCALES = ["en-GB", "en-US", "en-AU", "en-IN"] as const;
const zoneNames = new Map<string, Intl.DateTimeFormat[]>();

/**
 * The short name of `timeZone` at `at`: "CET" / "CEST", "EST" / "EDT", "AEDT", "UTC", or the
 * offset "GMT+5:30" where no locale has an abbreviation. Throws RangeError for an unknown zone.
 */
export function zoneAbbreviation(at: Date, timeZone: string): string {
  let formats = zoneNames.get(timeZone);
  if (!formats) {
    formats = ABBREVIATION_LOCALES.map(
      (locale) => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short", hour: "numeric" }),
    );
    zoneNames.set(timeZone, formats);
  }
  let offset = "";
  for (const format of formats) {
    const name = format.formatToParts(at).find((part) => part.type === "timeZoneName")?.value ?? "";
    if (/^[A-Z]{2,5}$/.test(name)) return name;
    offset ||= name;
  }
  return offset || timeZone;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(timeZone: string, options: Intl.DateTimeFormatOptions, locale: Locale): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let cached = formats.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone, hourCycle: "h23" });
    formats.set(key, cached);
  }
  return cached;
}

/**
 * "Tuesday 3 December, 09:30 CET" ("mardi 3 décembre, 09:30 CET" in French): a day people plan
 * around (an SLA promise, a due time), in `timeZone` (IANA) and `locale`. The year is added when it
 * is not the year of `now` in that zone. Zone abbreviations are the English ones in every language
 * (French offices read "CET"; Intl's French would say "UTC+1").
 */
export function formatZonedDay(
  at: Date,
  timeZone: string,
  now: Date = new Date(),
  locale: Locale = DEFAULT_LOCALE,
): string {
  const year = format(timeZone, { year: "numeric" }, locale);
  const sameYear = year.format(at) === year.format(now);
  const day = format(
    timeZone,
    {
      weekday: "long",
      day: "numeric",
      month: "long",
      ...(sameYear ? {} : { year: "numeric" }),
    },
    locale,
  ).format(at);
  const time = format(timeZone, { hour: "2-digit", minute: "2-digit" }, locale).format(at);
  return `${day}, ${time} ${zoneAbbreviation(at, timeZone)}`;
}

/**
 * "3 Dec 2026, 09:30 CET" ("3 déc. 2026, 09:30 CET"): a timestamp in a table or a log line, in
 * `timeZone` (IANA) and `locale`. Throws RangeError for an unknown zone.
 */
export function formatZonedDateTime(at: Date, timeZone: string, locale: Locale = DEFAULT_LOCALE): string {
  const text = format(
    timeZone,
    { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" },
    locale,
  ).format(at);
  return `${text} ${zoneAbbreviation(at, timeZone)}`;
}
