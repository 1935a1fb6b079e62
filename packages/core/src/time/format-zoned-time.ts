/**
 * Times as a person reads them, always with their zone named (the developers' guide: "times name
 * their zone"). Pure Intl (the ICU tz database Node and browsers carry), so the console's client
 * components, the portal, the mails and the server share one wording.
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
function format(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let cached = formats.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat("en-GB", { ...options, timeZone, hourCycle: "h23" });
    formats.set(key, cached);
  }
  return cached;
}

/**
 * "Tuesday 3 December, 09:30 CET": a day people plan around (an SLA promise, a due time), in
 * `timeZone` (IANA), English. The year is added when it is not the year of `now` in that zone.
 */
export function formatZonedDay(at: Date, timeZone: string, now: Date = new Date()): string {
  const sameYear =
    format(timeZone, { year: "numeric" }).format(at) === format(timeZone, { year: "numeric" }).format(now);
  const day = format(timeZone, {
    weekday: "long",
    day: "numeric",
    month: "long",
    ...(sameYear ? {} : { year: "numeric" }),
  }).format(at);
  const time = format(timeZone, { hour: "2-digit", minute: "2-digit" }).format(at);
  return `${day}, ${time} ${zoneAbbreviation(at, timeZone)}`;
}

/** "3 Dec 2026, 09:30 CET": a timestamp in a table or a log line, in `timeZone` (IANA). */
export function formatZonedDateTime(at: Date, timeZone: string): string {
  const text = format(timeZone, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(at);
  return `${text} ${zoneAbbreviation(at, timeZone)}`;
}
