/**
 * "2026-11-30 18:40:02 UTC+01:00": a time a person reads in a terminal or on the agent's page, in
 * this machine's zone, with the zone named (an ISO string's "Z" is easily missed). `seconds: false`
 * leaves the seconds out ("2026-11-30 18:40 UTC+01:00"), for a table.
 */
export function formatLocalTime(value: string | Date, options: { seconds?: boolean } = {}): string {
  const date = new Date(value);
  const pad = (n: number) => String(n).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const zone =
    offset === 0
      ? "UTC"
      : `UTC${offset > 0 ? "+" : "-"}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  const seconds = options.seconds === false ? "" : `:${pad(date.getSeconds())}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}${seconds} ${zone}`;
}
