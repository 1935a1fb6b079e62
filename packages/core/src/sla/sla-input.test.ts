import { describe, expect, it } from "vitest";
import { ZSlaCalendarInput, ZSlaPolicyInput, ZUpdateSlaCalendarInput } from "./sla-input.ts";

const calendar = (overrides: Record<string, unknown> = {}) => ({
  name: "Office",
  timeZone: "Europe/Paris",
  weeklyHours: [
    { day: 1, start: "08:00", end: "12:00" },
    { day: 1, start: "13:00", end: "17:30" },
  ],
  holidays: [{ date: "2026-12-25", name: "Christmas Day", yearly: true }],
  ...overrides,
});

const target = (amount: unknown, unit = "hours") => ({ amount, unit });
const policy = (overrides: Record<string, unknown> = {}) => ({
  name: "Gold",
  calendarId: "0b9e8f52-3c1a-4d2e-9f5b-1a2b3c4d5e6f",
  targets: {
    low: { firstResponse: target(8), resolution: target(5, "days") },
    medium: { firstResponse: target(4), resolution: target(2, "days") },
    high: { firstResponse: target(2), resolution: target(8) },
    critical: { firstResponse: target(1), resolution: target(4) },
  },
  ...overrides,
});

/** The field errors a form would show: path → first message (as withTechnician collects them). */
function fieldErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const fields: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) fields[issue.path.join(".")] ??= issue.message;
  return fields;
}

describe("ZSlaCalendarInput", () => {
  it("takes two ranges a day and a yearly holiday", () => {
    expect(ZSlaCalendarInput.safeParse(calendar()).success).toBe(true);
  });

  it("puts an overlap at the later range's start, naming the range it overlaps", () => {
    const result = ZSlaCalendarInput.safeParse(
      calendar({
        weeklyHours: [
          { day: 4, start: "08:00", end: "12:00" },
          { day: 4, start: "11:30", end: "17:00" },
          { day: 5, start: "11:30", end: "17:00" },
        ],
      }),
    );
    expect(fieldErrors(result)).toEqual({ "weeklyHours.1.start": "Overlaps 08:00–12:00 on Thursday." });
  });

  it("lets one range end where the next starts", () => {
    const hours = [
      { day: 2, start: "08:00", end: "12:00" },
      { day: 2, start: "12:00", end: "24:00" },
    ];
    expect(ZSlaCalendarInput.safeParse(calendar({ weeklyHours: hours })).success).toBe(true);
  });

  it("refuses an empty range and one that ends before it starts, at their end", () => {
    const result = ZSlaCalendarInput.safeParse(
      calendar({
        weeklyHours: [
          { day: 1, start: "09:00", end: "09:00" },
          { day: 2, start: "17:00", end: "09:00" },
          { day: 3, start: "24:00", end: "24:00" },
        ],
      }),
    );
    expect(fieldErrors(result)).toEqual({
      "weeklyHours.0.end": "This range is empty.",
      "weeklyHours.1.end": "End after the start.",
      "weeklyHours.2.end": "This range is empty.",
    });
  });

  it("refuses a week with no open time at all", () => {
    expect(fieldErrors(ZSlaCalendarInput.safeParse(calendar({ weeklyHours: [] })))).toEqual({
      weeklyHours: "Open at least one day: the clock would never run.",
    });
  });

  it("refuses a time that is not HH:MM and a weekday outside 1–7", () => {
    const result = ZSlaCalendarInput.safeParse(calendar({ weeklyHours: [{ day: 8, start: "9:00", end: "25:00" }] }));
    expect(Object.keys(fieldErrors(result)).sort()).toEqual([
      "weeklyHours.0.day",
      "weeklyHours.0.end",
      "weeklyHours.0.start",
    ]);
  });

  it("refuses an unknown time zone and an offset", () => {
    for (const timeZone of ["Mars/Olympus_Mons", "+01:00", "Europe/Paris; drop", ""])
      expect(Object.keys(fieldErrors(ZSlaCalendarInput.safeParse(calendar({ timeZone }))))).toEqual(["timeZone"]);
  });

  it("refuses a malformed holiday date, a day that does not exist, and the same holiday twice", () => {
    const result = ZSlaCalendarInput.safeParse(
      calendar({
        holidays: [
          { date: "25/12/2026", name: "Christmas", yearly: false },
          { date: "2026-02-30", name: "Nope", yearly: false },
          { date: "2026-05-01", name: "Labour Day", yearly: true },
          { date: "2027-05-01", name: "Labour Day again", yearly: true },
          { date: "2026-05-01", name: "Same day", yearly: false },
        ],
      }),
    );
    expect(fieldErrors(result)).toEqual({
      "holidays.0.date": "Use a date such as 2026-12-25.",
      "holidays.1.date": "This date does not exist.",
      "holidays.3.date": "Already a holiday (row 3).",
      "holidays.4.date": "Already a holiday (row 3).",
    });
  });

  it("gives an update the same field paths as a new calendar", () => {
    const result = ZUpdateSlaCalendarInput.safeParse({
      ...calendar({ weeklyHours: [{ day: 1, start: "10:00", end: "09:00" }] }),
      calendarId: "0b9e8f52-3c1a-4d2e-9f5b-1a2b3c4d5e6f",
    });
    expect(fieldErrors(result)).toEqual({ "weeklyHours.0.end": "End after the start." });
  });
});

describe("ZSlaPolicyInput", () => {
  it("takes the Standard targets and defaults the warning to 75 %", () => {
    const parsed = ZSlaPolicyInput.parse(policy());
    expect(parsed.warningPercent).toBe(75);
  });

  it("refuses targets of zero, negative, fractional or not numbers, at their amount", () => {
    const result = ZSlaPolicyInput.safeParse(
      policy({
        targets: {
          ...policy().targets,
          low: { firstResponse: target(0), resolution: target(-3, "days") },
          high: { firstResponse: target(1.5), resolution: target("8") },
        },
      }),
    );
    expect(fieldErrors(result)).toEqual({
      "targets.low.firstResponse.amount": "Use more than zero.",
      "targets.low.resolution.amount": "Use more than zero.",
      "targets.high.firstResponse.amount": "Use a whole number.",
      "targets.high.resolution.amount": "Enter a number.",
    });
  });

  it("refuses a resolution shorter than the first response when they compare without a calendar", () => {
    const result = ZSlaPolicyInput.safeParse(
      policy({
        targets: {
          ...policy().targets,
          critical: { firstResponse: target(2), resolution: target(90, "minutes") },
          medium: { firstResponse: target(3, "days"), resolution: target(2, "days") },
        },
      }),
    );
    expect(fieldErrors(result)).toEqual({
      "targets.critical.resolution.amount": "Resolution cannot be shorter than the first response.",
      "targets.medium.resolution.amount": "Resolution cannot be shorter than the first response.",
    });
  });

  it("refuses a warning outside 1–99 and a missing calendar", () => {
    expect(fieldErrors(ZSlaPolicyInput.safeParse(policy({ warningPercent: 100, calendarId: "" })))).toEqual({
      calendarId: "Choose a calendar.",
      warningPercent: "Use 1 to 99.",
    });
    expect(Object.keys(fieldErrors(ZSlaPolicyInput.safeParse(policy({ warningPercent: 0 }))))).toEqual([
      "warningPercent",
    ]);
  });
});
