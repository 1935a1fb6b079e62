import { describe, expect, it } from "vitest";
import { formatTarget, summarizeWeeklyHours, zoneOffset } from "./summaries.ts";

const range = (day: number, start: string, end: string) => ({ day, start, end });

describe("summarizeWeeklyHours", () => {
  it("joins consecutive days with the same ranges", () => {
    expect(summarizeWeeklyHours([1, 2, 3, 4, 5].map((day) => range(day, "09:00", "17:00")))).toBe(
      "Mon–Fri 09:00–17:00",
    );
  });

  it("lists split days and days that differ, in order, whatever order the ranges came in", () => {
    const ranges = [
      range(5, "08:00", "12:00"),
      ...[1, 2, 3, 4].flatMap((day) => [range(day, "13:00", "17:30"), range(day, "08:00", "12:00")]),
      range(7, "10:00", "14:00"),
    ];
    expect(summarizeWeeklyHours(ranges)).toBe("Mon–Thu 08:00–12:00, 13:00–17:30; Fri 08:00–12:00; Sun 10:00–14:00");
  });

  it("says when the week is closed", () => {
    expect(summarizeWeeklyHours([])).toBe("Closed all week");
  });
});

describe("formatTarget and zoneOffset", () => {
  it("writes targets short", () => {
    expect(formatTarget({ amount: 30, unit: "minutes" })).toBe("30 min");
    expect(formatTarget({ amount: 4, unit: "hours" })).toBe("4 h");
    expect(formatTarget({ amount: 1, unit: "days" })).toBe("1 day");
    expect(formatTarget({ amount: 2, unit: "days" })).toBe("2 days");
  });

  it("gives a zone's offset at a moment, daylight saving included", () => {
    expect(zoneOffset("Europe/Paris", new Date("2026-01-15T12:00:00Z"))).toBe("UTC+01:00");
    expect(zoneOffset("Europe/Paris", new Date("2026-07-15T12:00:00Z"))).toBe("UTC+02:00");
    expect(zoneOffset("Asia/Kolkata", new Date("2026-07-15T12:00:00Z"))).toBe("UTC+05:30");
    expect(zoneOffset("UTC", new Date("2026-07-15T12:00:00Z"))).toBe("UTC+00:00");
  });
});
