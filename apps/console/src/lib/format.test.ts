import { describe, expect, it } from "vitest";
import { formatClockTime, formatDate, formatDateTime, formatDueIn, formatMinutes } from "./format.ts";

describe("console time formats", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  it("writes how far a due time is, ahead or past, in days, hours and minutes", () => {
    expect(formatDueIn(at(130), now)).toBe("in 2 h 10 min");
    expect(formatDueIn(at(-10), now)).toBe("10 min ago");
    expect(formatDueIn(at(120), now)).toBe("in 2 h");
    expect(formatDueIn(at(-(3 * 1440 + 4 * 60 + 59)), now)).toBe("3 d 4 h ago");
    expect(formatDueIn(at(2 * 1440), now)).toBe("in 2 d");
    expect(formatDueIn(at(0.4), now)).toBe("now");
    expect(formatDueIn(at(0.6), now)).toBe("in 1 min");
    expect(formatDueIn(at(-59.6), now)).toBe("1 h ago");
  });

  it("writes business durations in hours past a day, wall-clock ones in days", () => {
    expect(formatMinutes(1560, { days: false })).toBe("26 h");
    expect(formatMinutes(1560, { days: true })).toBe("1 d 2 h");
    expect(formatMinutes(-90, { days: false })).toBe("1 h 30 min");
    expect(formatMinutes(45.4, { days: false })).toBe("45 min");
  });

  it("writes times in the zone it is given, named", () => {
    expect(formatDateTime("2026-12-03T08:30:00Z", "Europe/Paris")).toBe("3 Dec 2026, 09:30 CET");
    expect(formatDateTime(new Date("2026-07-03T08:30:00Z"), "America/New_York")).toBe("3 Jul 2026, 04:30 EDT");
    expect(formatClockTime("2026-12-03T08:30:00Z", "Australia/Sydney")).toBe("19:30 AEDT");
    expect(formatClockTime("2026-12-03T23:05:00Z", "UTC")).toBe("23:05 UTC");
    expect(formatDate("2026-12-01T23:30:00Z", "Europe/Paris")).toBe("2 Dec 2026");
  });
});
