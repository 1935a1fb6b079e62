import { IANAZone } from "luxon";

/**
 * Whether `zone` is an IANA time zone name this runtime knows ("Europe/Paris", "UTC"), by the
 * tz database Node's ICU carries (luxon's IANAZone asks Intl). Offsets such as "+01:00" and
 * abbreviations such as "CET" are refused: they do not follow daylight-saving changes.
 */
export function isTimeZone(zone: string): boolean {
  return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone) && IANAZone.isValidZone(zone);
}

/** The server's own zone (TZ, else the system's), "UTC" when the runtime cannot tell. */
export function serverTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : "UTC";
}
