import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  businessDayMinutes,
  businessMinutesBetween,
  hasOpenTime,
  isOpenAt,
  nextOpening,
} from "./business-time.ts";
import type { BusinessCalendar, Holiday, WeeklyRange } from "./sla-types.ts";

const at = (iso: string) => new Date(iso);
const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

function calendar(
  timeZone: string,
  days: number[],
  ranges: [string, string][],
  holidays: Holiday[] = [],
): BusinessCalendar {
  const weeklyHours: WeeklyRange[] = days.flatMap((day) => ranges.map(([start, end]) => ({ day, start, end })));
  return { timeZone, weeklyHours, holidays };
}

const office = (timeZone: string) => calendar(timeZone, WEEKDAYS, [["09:00", "17:00"]]);
const allWeek = (timeZone: string) => calendar(timeZone, EVERY_DAY, [["00:00", "24:00"]]);
const sundays = (timeZone: string, start = "00:00", end = "24:00") => calendar(timeZone, [7], [[start, end]]);

describe("business time on office hours", () => {
  const paris = office("Europe/Paris");

  it("pauses over a weekend: Friday 16:00 plus 90 minutes is Monday 09:30", () => {
    const friday = at("2026-12-04T15:00:00Z"); // 16:00 CET
    expect(addBusinessMinutes(paris, friday, 90)).toEqual(at("2026-12-07T08:30:00Z"));
    expect(businessMinutesBetween(paris, friday, at("2026-12-07T08:30:00Z"))).toBe(90);
    expect(addBusinessMinutes(paris, at("2026-12-07T08:30:00Z"), -90)).toEqual(friday);
    // Saturday counts nothing.
    expect(businessMinutesBetween(paris, at("2026-12-05T08:00:00Z"), at("2026-12-06T20:00:00Z"))).toBe(0);
  });

  it("is due at closing rather than at the next opening", () => {
    expect(addBusinessMinutes(paris, at("2026-12-04T15:00:00Z"), 60)).toEqual(at("2026-12-04T16:00:00Z"));
  });

  it("counts from the next opening when it starts in closed hours", () => {
    expect(addBusinessMinutes(paris, at("2026-12-05T10:00:00Z"), 30)).toEqual(at("2026-12-07T08:30:00Z"));
    expect(addBusinessMinutes(paris, at("2026-12-05T10:00:00Z"), -30)).toEqual(at("2026-12-04T15:30:00Z"));
    expect(addBusinessMinutes(paris, at("2026-12-05T10:00:00Z"), 0)).toEqual(at("2026-12-05T10:00:00Z"));
  });

  it("says when it is open and when it opens next (a range excludes its end)", () => {
    expect(isOpenAt(paris, at("2026-12-04T08:00:00Z"))).toBe(true); // 09:00 CET
    expect(isOpenAt(paris, at("2026-12-04T16:00:00Z"))).toBe(false); // 17:00 CET
    expect(isOpenAt(paris, at("2026-12-05T10:00:00Z"))).toBe(false);
    expect(nextOpening(paris, at("2026-12-05T10:00:00Z"))).toEqual(at("2026-12-07T08:00:00Z"));
    expect(nextOpening(paris, at("2026-12-04T10:00:00Z"))).toEqual(at("2026-12-04T10:00:00Z"));
  });

  it("takes fractional minutes, to the millisecond", () => {
    expect(addBusinessMinutes(paris, at("2026-12-04T08:00:00Z"), 1.5)).toEqual(at("2026-12-04T08:01:30Z"));
    expect(businessMinutesBetween(paris, at("2026-12-04T08:00:00Z"), at("2026-12-04T08:00:30Z"))).toBe(0.5);
  });

  it("skips the gap between several ranges a day", () => {
    const split = calendar("Europe/Paris", WEEKDAYS, [
      ["08:00", "12:00"],
      ["13:00", "17:30"],
    ]);
    // Tuesday 1 December 11:30 CET + 60 min: 30 before lunch, 30 after.
    expect(addBusinessMinutes(split, at("2026-12-01T10:30:00Z"), 60)).toEqual(at("2026-12-01T12:30:00Z"));
    expect(businessMinutesBetween(split, at("2026-12-01T07:00:00Z"), at("2026-12-01T17:00:00Z"))).toBe(510);
    expect(isOpenAt(split, at("2026-12-01T11:30:00Z"))).toBe(false);
    // 510 minutes from the opening is the closing at 17:30, not Wednesday 08:00.
    expect(addBusinessMinutes(split, at("2026-12-01T07:00:00Z"), 510)).toEqual(at("2026-12-01T16:30:00Z"));
  });

  it("closes on holidays, dated and yearly", () => {
    const withHolidays = calendar(
      "Europe/Paris",
      WEEKDAYS,
      [["09:00", "17:00"]],
      [
        { date: "2026-12-24", name: "Christmas Eve", yearly: false },
        { date: "2020-12-25", name: "Christmas Day", yearly: true },
      ],
    );
    // Wednesday 23 December 16:00 CET + 120 min: 60 that day, Thursday 24 and Friday 25 closed, Monday 28 10:00.
    expect(addBusinessMinutes(withHolidays, at("2026-12-23T15:00:00Z"), 120)).toEqual(at("2026-12-28T09:00:00Z"));
    expect(isOpenAt(withHolidays, at("2026-12-24T10:00:00Z"))).toBe(false);
    // The dated holiday is 2026 only; the yearly one closes 25 December 2025 (a Thursday) too.
    expect(isOpenAt(withHolidays, at("2025-12-24T10:00:00Z"))).toBe(true);
    expect(isOpenAt(withHolidays, at("2025-12-25T10:00:00Z"))).toBe(false);
  });
});

describe("daylight saving time", () => {
  // Weekday 09:00–17:00: Friday 16:00 plus 120 business minutes is Monday 10:00, whichever way the
  // clocks moved on the Sunday between (the offset of the result is the new one).
  it.each([
    ["Europe/Paris", "spring forward", "2026-03-27T15:00:00Z", "2026-03-30T08:00:00Z"],
    ["Europe/Paris", "fall back", "2026-10-23T14:00:00Z", "2026-10-26T09:00:00Z"],
    ["America/New_York", "spring forward", "2026-03-06T21:00:00Z", "2026-03-09T14:00:00Z"],
    ["America/New_York", "fall back", "2026-10-30T20:00:00Z", "2026-11-02T15:00:00Z"],
    ["Australia/Sydney", "fall back", "2026-04-03T05:00:00Z", "2026-04-06T00:00:00Z"],
    ["Australia/Sydney", "spring forward", "2026-10-02T06:00:00Z", "2026-10-04T23:00:00Z"],
  ])("%s, %s weekend: Friday 16:00 + 2 h = Monday 10:00", (zone, _change, friday, monday) => {
    const hours = office(zone);
    expect(addBusinessMinutes(hours, at(friday), 120)).toEqual(at(monday));
    expect(businessMinutesBetween(hours, at(friday), at(monday))).toBe(120);
    expect(addBusinessMinutes(hours, at(monday), -120)).toEqual(at(friday));
  });

  it.each([
    ["Europe/Paris", "2026-03-29", 23 * 60],
    ["Europe/Paris", "2026-10-25", 25 * 60],
    ["America/New_York", "2026-03-08", 23 * 60],
    ["America/New_York", "2026-11-01", 25 * 60],
    ["Australia/Sydney", "2026-04-05", 25 * 60],
    ["Australia/Sydney", "2026-10-04", 23 * 60],
  ])("%s: the 00:00–24:00 day of %s lasts %d minutes", (zone, sunday, minutes) => {
    const day = at(`${sunday}T12:00:00Z`);
    const week = { from: new Date(day.getTime() - 3 * 86_400_000), to: new Date(day.getTime() + 3 * 86_400_000) };
    expect(businessMinutesBetween(sundays(zone), week.from, week.to)).toBe(minutes);
  });

  it("counts a night shift across the change by the clock on the wall", () => {
    const night = sundays("Europe/Paris", "00:00", "04:00");
    // 29 March: 00:00 CET (23:00Z) to 04:00 CEST (02:00Z) is 3 hours; 25 October: 00:00 CEST to 04:00 CET is 5.
    expect(businessMinutesBetween(night, at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z"))).toBe(180);
    expect(addBusinessMinutes(night, at("2026-03-28T12:00:00Z"), 180)).toEqual(at("2026-03-29T02:00:00Z"));
    expect(businessMinutesBetween(night, at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"))).toBe(300);
    expect(addBusinessMinutes(night, at("2026-10-24T12:00:00Z"), 300)).toEqual(at("2026-10-25T03:00:00Z"));
  });

  it("opens at the transition when the opening time is skipped, and keeps the repeated hour", () => {
    const skipped = sundays("Europe/Paris", "02:30", "04:00");
    // 02:30 never shows on 29 March: the clock jumps from 02:00 CET to 03:00 CEST (01:00Z).
    expect(nextOpening(skipped, at("2026-03-28T12:00:00Z"))).toEqual(at("2026-03-29T01:00:00Z"));
    expect(businessMinutesBetween(skipped, at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z"))).toBe(60);
    const repeated = sundays("Europe/Paris", "02:15", "02:45");
    // 25 October: from the first 02:15 (CEST, 00:15Z) to the last 02:45 (CET, 01:45Z).
    expect(nextOpening(repeated, at("2026-10-24T12:00:00Z"))).toEqual(at("2026-10-25T00:15:00Z"));
    expect(businessMinutesBetween(repeated, at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"))).toBe(90);
  });

  it("counts wall-clock minutes on a 24/7 calendar, across both changes", () => {
    for (const zone of ["Europe/Paris", "America/New_York", "Australia/Sydney"]) {
      const always = allWeek(zone);
      expect(businessMinutesBetween(always, at("2026-03-01T00:00:00Z"), at("2026-11-30T00:00:00Z"))).toBe(
        (Date.UTC(2026, 10, 30) - Date.UTC(2026, 2, 1)) / 60_000,
      );
      expect(addBusinessMinutes(always, at("2026-10-24T22:00:00Z"), 1500)).toEqual(at("2026-10-25T23:00:00Z"));
    }
  });
});

describe("calendar facts", () => {
  it("gives the business-day length: the average over the weekdays that open", () => {
    expect(businessDayMinutes(calendar("Europe/Paris", WEEKDAYS, [["08:00", "17:00"]]))).toBe(540);
    expect(businessDayMinutes(allWeek("UTC"))).toBe(1440);
    const week = calendar("UTC", WEEKDAYS, [
      ["08:00", "12:00"],
      ["13:00", "17:30"],
    ]);
    week.weeklyHours.push({ day: 6, start: "09:00", end: "12:00" });
    expect(businessDayMinutes(week)).toBe((5 * 510 + 180) / 6);
  });

  it("knows a calendar that never opens", () => {
    expect(hasOpenTime(office("UTC"))).toBe(true);
    expect(hasOpenTime(calendar("UTC", WEEKDAYS, []))).toBe(false);
    expect(hasOpenTime(calendar("UTC", WEEKDAYS, [["09:00", "09:00"]]))).toBe(false);
    const everyDay: Holiday[] = [];
    for (let day = 0; day < 366; day++) {
      everyDay.push({ date: new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10), name: "", yearly: true });
    }
    expect(hasOpenTime(calendar("UTC", EVERY_DAY, [["09:00", "17:00"]], everyDay))).toBe(false);
    expect(hasOpenTime(calendar("UTC", EVERY_DAY, [["09:00", "17:00"]], everyDay.slice(1)))).toBe(true);
  });

  it("refuses an unknown zone, a calendar without open time and one closed for years", () => {
    const start = at("2026-12-01T10:00:00Z");
    expect(() => addBusinessMinutes(office("Mars/Olympus_Mons"), start, 10)).toThrow(RangeError);
    expect(() => businessMinutesBetween(calendar("UTC", WEEKDAYS, []), start, start)).toThrow(RangeError);
    expect(() => businessDayMinutes(calendar("UTC", WEEKDAYS, []))).toThrow(RangeError);
    const closed: Holiday[] = [];
    for (let day = 0; day < 3 * 366; day++) {
      closed.push({ date: new Date(Date.UTC(2026, 11, 1 + day)).toISOString().slice(0, 10), name: "", yearly: false });
    }
    const shut = calendar("UTC", WEEKDAYS, [["09:00", "17:00"]], closed);
    expect(() => addBusinessMinutes(shut, start, 10)).toThrow(RangeError);
    expect(() => nextOpening(shut, start)).toThrow(RangeError);
    expect(() => addBusinessMinutes(office("UTC"), new Date(Number.NaN), 10)).toThrow(RangeError);
  });
});

// Each run builds a random calendar's timeline from scratch (a luxon lookup per local date): on a
// busy machine a hundred of them take seconds.
describe("business time properties", { timeout: 30_000 }, () => {
  const ZONES = ["Europe/Paris", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/St_Johns", "UTC"];
  const wall = (minutes: number) =>
    minutes === 1440
      ? "24:00"
      : `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  // Quarter-hour ranges on random days (some touching midnight, some in the DST small hours), a
  // few yearly holidays; always at least one open range.
  const range = fc
    .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 }), fc.integer({ min: 1, max: 7 }))
    .map(([a, length, day]) => ({ day, start: wall(a * 15), end: wall(Math.min(96, a + length) * 15) }));
  const arbitraryCalendar = fc.record({
    timeZone: fc.constantFrom(...ZONES),
    weeklyHours: fc.array(range, { minLength: 1, maxLength: 8 }),
    holidays: fc.array(
      fc.date({ min: new Date("2024-01-01"), max: new Date("2028-12-31"), noInvalidDate: true }).map((date) => ({
        date: date.toISOString().slice(0, 10),
        name: "",
        yearly: date.getUTCDate() % 2 === 0,
      })),
      { maxLength: 5 },
    ),
  });
  const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) }).map((ms) => new Date(ms));
  // Minutes as whole milliseconds (what the arithmetic keeps), up to about 6 weeks of 24/7 time.
  const minutes = fc.integer({ min: 1, max: 60 * 60_000 * 24 * 42 }).map((ms) => ms / 60_000);

  it("measures back exactly the business time it added", () => {
    fc.assert(
      fc.property(arbitraryCalendar, instant, minutes, (hours, from, amount) => {
        expect(businessMinutesBetween(hours, from, addBusinessMinutes(hours, from, amount))).toBe(amount);
      }),
    );
  });

  it("returns to the start when it subtracts what it added (starts in open hours)", () => {
    fc.assert(
      fc.property(arbitraryCalendar, instant, minutes, (hours, somewhen, amount) => {
        const start = nextOpening(hours, somewhen);
        expect(isOpenAt(hours, start)).toBe(true);
        expect(addBusinessMinutes(hours, addBusinessMinutes(hours, start, amount), -amount)).toEqual(start);
      }),
    );
  });

  it("never puts a due time in closed hours (a closing is allowed)", () => {
    fc.assert(
      fc.property(arbitraryCalendar, instant, minutes, (hours, from, amount) => {
        const due = addBusinessMinutes(hours, from, amount);
        expect(due.getTime()).toBeGreaterThan(from.getTime());
        expect(isOpenAt(hours, due) || isOpenAt(hours, new Date(due.getTime() - 1))).toBe(true);
        const before = addBusinessMinutes(hours, from, -amount);
        expect(isOpenAt(hours, before)).toBe(true);
      }),
    );
  });

  it("adds up durations, and equals the wall clock on a 24/7 calendar", () => {
    fc.assert(
      fc.property(arbitraryCalendar, instant, instant, instant, (hours, a, b, c) => {
        const [first, second, third] = [a, b, c].sort((x, y) => x.getTime() - y.getTime()) as [Date, Date, Date];
        const whole = businessMinutesBetween(hours, first, third);
        const parts = businessMinutesBetween(hours, first, second) + businessMinutesBetween(hours, second, third);
        expect(Math.abs(whole - parts)).toBeLessThan(1e-9);
        const always = allWeek(hours.timeZone);
        expect(businessMinutesBetween(always, first, third)).toBe((third.getTime() - first.getTime()) / 60_000);
      }),
    );
  });
});
