const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "just now", "3 minutes ago", "yesterday" — for last-seen columns. */
export function formatRelative(date: Date | string, now: Date = new Date()): string {
  const elapsed = new Date(date).getTime() - now.getTime();
  if (Math.abs(elapsed) < 10_000) return "just now";
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms || unit === "second") return relative.format(Math.round(elapsed / ms), unit);
  }
  return "just now";
}

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDateTime(date: Date | string): string {
  return `${dateTime.format(new Date(date))} UTC`;
}

/** "812 B", "12.1 KB", "3.4 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
