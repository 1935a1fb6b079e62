import { formatZonedDateTime, zoneAbbreviation } from "@helpline/core/time";
import { intlLocale, type Locale } from "@helpline/i18n";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];
const relatives = new Map<Locale, Intl.RelativeTimeFormat>();

function relativeFormat(locale: Locale): Intl.RelativeTimeFormat {
  let format = relatives.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale === "en" ? "en" : intlLocale(locale), { numeric: "auto" });
    relatives.set(locale, format);
  }
  return format;
}

/**
 * "just now", "3 minutes ago", "yesterday" — for last-seen columns; in `locale` for the Customer
 * Portal ("il y a 3 minutes", "maintenant"), English in the console.
 */
export function formatRelative(date: Date | string, now: Date = new Date(), locale: Locale = "en"): string {
  const elapsed = new Date(date).getTime() - now.getTime();
  if (Math.abs(elapsed) < 10_000) return locale === "en" ? "just now" : relativeFormat(locale).format(0, "second");
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms || unit === "second")
      return relativeFormat(locale).format(Math.round(elapsed / ms), unit);
  }
  return relativeFormat(locale).format(0, "second");
}

/**
 * "3 Dec 2026, 09:30 CET": `date` in `timeZone` (IANA), the zone named. In the console the zone is
 * the MSP's (`useTimeZone()` in client components, `consoleTimeZone()` on the server).
 */
export function formatDateTime(date: Date | string, timeZone: string): string {
  return formatZonedDateTime(new Date(date), timeZone);
}

/**
 * A length of time in whole minutes: "2 h 10 min", "45 min", "3 d 4 h" (with `days`, days of 24
 * hours; without, hours keep counting: "26 h", right for business time, whose days are shorter).
 */
export function formatMinutes(minutes: number, options: { days: boolean }): string {
  const total = Math.round(Math.abs(minutes));
  const days = options.days ? Math.floor(total / 1440) : 0;
  const hours = Math.floor((total - days * 1440) / 60);
  const rest = total % 60;
  if (days) return hours ? `${days} d ${hours} h` : `${days} d`;
  if (hours) return rest ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

/**
 * How far `date` is from `now`, for due times: "in 2 h 10 min", "10 min ago", "in 3 d 4 h" (days
 * of 24 hours: it is wall-clock distance, not business time). Rounded to the minute; under half a
 * minute either way is "now".
 */
export function formatDueIn(date: Date | string, now: Date = new Date()): string {
  const ms = new Date(date).getTime() - now.getTime();
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes === 0) return "now";
  const text = formatMinutes(minutes, { days: true });
  return ms > 0 ? `in ${text}` : `${text} ago`;
}

const clocks = new Map<string, Intl.DateTimeFormat>();
const days = new Map<string, Intl.DateTimeFormat>();

/** "1 Dec 2026": the date of `date` in `timeZone` (IANA). */
export function formatDate(date: Date | string, timeZone: string): string {
  let day = days.get(timeZone);
  if (!day) {
    day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone });
    days.set(timeZone, day);
  }
  return day.format(new Date(date));
}

/** "10:42 CET": the time of day of `date` in `timeZone` (IANA), the zone named, for today's events. */
export function formatClockTime(date: Date | string, timeZone: string): string {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
    clocks.set(timeZone, clock);
  }
  return `${clock.format(new Date(date))} ${zoneAbbreviation(new Date(date), timeZone)}`;
}

/** "812 B", "12.1 KB", "3.4 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
