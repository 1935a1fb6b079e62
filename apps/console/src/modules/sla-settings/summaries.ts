import type { SlaPriority, TargetDuration, WeeklyRange } from "@helpline/core/sla-types";

/** The priorities as the console names them. */
export const PRIORITY_LABELS: Record<SlaPriority, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
};

/** Short weekday names, ISO order (index 0 = Monday). */
export const WEEKDAY_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
export const WEEKDAY_LONG = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/**
 * A week of opening hours in one line: consecutive days with the same ranges are joined,
 * "Mon–Fri 09:00–17:00", "Mon–Thu 08:00–12:00, 13:00–17:30; Fri 08:00–12:00"; closed days are
 * left out; "Closed all week" when there is no range. Times are the calendar's local wall times.
 */
export function summarizeWeeklyHours(ranges: WeeklyRange[]): string {
  const days = WEEKDAY_SHORT.map((_, index) =>
    ranges
      .filter((range) => range.day === index + 1)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((range) => `${range.start}–${range.end}`)
      .join(", "),
  );
  const parts: string[] = [];
  for (let first = 0; first < 7; first++) {
    if (!days[first]) continue;
    let last = first;
    while (last + 1 < 7 && days[last + 1] === days[first]) last++;
    const label = first === last ? WEEKDAY_SHORT[first] : `${WEEKDAY_SHORT[first]}–${WEEKDAY_SHORT[last]}`;
    parts.push(`${label} ${days[first]}`);
    first = last;
  }
  return parts.length > 0 ? parts.join("; ") : "Closed all week";
}

/** "30 min", "4 h", "1 day", "2 days": a target as the admin typed it (business time). */
export function formatTarget(target: TargetDuration): string {
  if (target.unit === "minutes") return `${target.amount} min`;
  if (target.unit === "hours") return `${target.amount} h`;
  return `${target.amount} ${target.amount === 1 ? "day" : "days"}`;
}

/** "UTC+01:00", "UTC-05:00", "UTC+05:30": the offset of `timeZone` (IANA) at `at`. */
export function zoneOffset(timeZone: string, at: Date): string {
  const name =
    new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(at)
      .find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  return name === "GMT" ? "UTC+00:00" : name.replace("GMT", "UTC");
}
