import { describe, expect, it } from "vitest";
import { formatZonedDateTime, formatZonedDay, zoneAbbreviation } from "./format-zoned-time.ts";

describe("times name their zone", () => {
  const at = new Date("2026-12-03T08:30:00Z");
  const now = new Date("2026-12-01T10:00:00Z");

  it("writes a day people plan around in the zone, with its abbreviation", () => {
    expect(formatZonedDay(at, "Europe/Paris", now)).toBe("Thursday 3 December, 09:30 CET");
    expect(formatZonedDay(at, "America/New_York", now)).toBe("Thursday 3 December, 03:30 EST");
    expect(formatZonedDay(at, "Australia/Sydney", now)).toBe("Thursday 3 December, 19:30 AEDT");
  });

  it("adds the year only when it is not this year", () => {
    expect(formatZonedDay(at, "UTC", new Date("2025-06-01T00:00:00Z"))).toBe("Thursday, 3 December 2026, 08:30 UTC");
  });

  it("follows daylight saving time and falls back to the offset where no abbreviation exists", () => {
    expect(zoneAbbreviation(new Date("2026-07-01T12:00:00Z"), "Europe/Paris")).toBe("CEST");
    expect(zoneAbbreviation(new Date("2026-07-01T12:00:00Z"), "America/New_York")).toBe("EDT");
    expect(zoneAbbreviation(at, "Asia/Tokyo")).toBe("GMT+9");
    expect(formatZonedDateTime(at, "Asia/Kolkata")).toBe("3 Dec 2026, 14:00 IST");
  });

  it("refuses an unknown zone", () => {
    expect(() => formatZonedDay(at, "Mars/Olympus", now)).toThrow(RangeError);
  });
});

describe("times in French", () => {
  const at = new Date("2026-12-03T08:30:00Z");
  const now = new Date("2026-12-01T10:00:00Z");

  it("writes days and timestamps in French with the zone named", () => {
    expect(formatZonedDay(at, "Europe/Paris", now, "fr")).toBe("jeudi 3 décembre, 09:30 CET");
    expect(formatZonedDateTime(at, "Europe/Paris", "fr")).toBe("3 déc. 2026, 09:30 CET");
  });
});
