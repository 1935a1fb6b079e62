"use client";
import { createContext, useContext, type ReactNode } from "react";
import { formatClockTime, formatDateTime, formatRelative } from "@/lib/format";

// The MSP's IANA zone (Settings ▸ General ▸ Time zone), set once by the console layout, so every
// time a technician reads is in it and names it, on the server render and in the browser alike
// (the browser's own zone never shows: two technicians see the same clock).
const TimeZoneContext = createContext<string | null>(null);

/** Gives the console's components the MSP's IANA `timeZone`; the console layout wraps every page in it. */
export function TimeZoneProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  return <TimeZoneContext value={timeZone}>{children}</TimeZoneContext>;
}

/** The MSP's IANA zone. Throws outside `TimeZoneProvider` (a console page outside the layout). */
export function useTimeZone(): string {
  const timeZone = useContext(TimeZoneContext);
  if (!timeZone) throw new Error("useTimeZone needs a TimeZoneProvider (the console layout).");
  return timeZone;
}

/** "3 Dec 2026, 09:30 CET": `at` in the MSP's zone, named, in a `<time>` element. */
export function DateTime({ at, className }: { at: Date | string; className?: string }) {
  const timeZone = useTimeZone();
  return (
    <time dateTime={new Date(at).toISOString()} className={className}>
      {formatDateTime(at, timeZone)}
    </time>
  );
}

/** "3 minutes ago", with the exact time in the MSP's zone as its tooltip. */
export function RelativeTime({ at, className }: { at: Date | string; className?: string }) {
  const timeZone = useTimeZone();
  return (
    <time dateTime={new Date(at).toISOString()} className={className} title={formatDateTime(at, timeZone)}>
      {formatRelative(at)}
    </time>
  );
}

/** "10:42 CET": the time of day of `at` in the MSP's zone, with the whole date as its tooltip. */
export function ClockTime({ at, className }: { at: Date | string; className?: string }) {
  const timeZone = useTimeZone();
  return (
    <time dateTime={new Date(at).toISOString()} className={className} title={formatDateTime(at, timeZone)}>
      {formatClockTime(at, timeZone)}
    </time>
  );
}
