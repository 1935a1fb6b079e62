import { DateTime, IANAZone } from "luxon";
import { isTimeZone } from "../time/time-zone.ts";
import type { BusinessCalendar } from "./sla-types.ts";

/**
 * Business-time arithmetic on a calendar's open hours (SlaCalendar: IANA zone, weekly ranges,
 * holidays), pure and cached. Every instant in and out is a `Date` (an absolute instant, UTC);
 * opening hours and holidays are wall times and dates local to the calendar's zone, turned into
 * instants by luxon with the tz database Node's ICU carries (the issue: "a well-kept date library
 * with IANA zones, not hand-written offset math"). Minutes may be fractional; results are whole
 * milliseconds.
 *
 * How: each local date is expanded once into its open intervals in epoch milliseconds, kept on a
 * timeline with the running total of open time before each interval. An instant's business time is
 * then a binary search on that timeline, and adding business time is the inverse search, so
 * recomputing a calendar's 200,000 tickets costs a few microseconds each, not a luxon call per
 * minute. The timeline is cached per calendar object (WeakMap) and per calendar content (the
 * objects a service parses from the same row are equal), and grows by chunks of local dates as
 * instants outside it are asked for. A calendar object must not be mutated after it was used.
 *
 * Daylight saving time: a range is the span from the first instant its start wall time is on the
 * clock to the last instant its end wall time is, so a 00:00–24:00 day lasts 23 or 25 hours, a
 * wall time in the spring-forward gap means the transition instant (the clock passes it there),
 * and a range ending in the fall-back fold includes the repeated hour.
 */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Local dates expanded at once when the timeline grows. */
const CHUNK_DAYS = 64;
/** A search that finds no open time for this long refuses (RangeError): about two years. */
const MAX_IDLE_MS = 2 * 366 * DAY_MS;

type Timeline = {
  zone: IANAZone;
  /** Merged open ranges per ISO weekday (index 1–7), in minutes from local midnight. */
  weekly: [number, number][][];
  /** Closed local dates: "YYYY-MM-DD" and, for yearly holidays, "MM-DD". */
  holidayDates: Set<string>;
  yearlyHolidays: Set<string>;
  /** Local dates covered: [firstDay, lastDay), as days since 1970-01-01 (civil, no zone). */
  firstDay: number;
  lastDay: number;
  /** Local midnight of firstDay and of lastDay, epoch ms. */
  startMs: number;
  endMs: number;
  /** Open intervals [starts[i], ends[i]) in epoch ms, ascending, disjoint and not touching. */
  starts: number[];
  ends: number[];
  /** Open ms on the timeline before starts[i]; cumStart at startMs, cumEnd at endMs. */
  cums: number[];
  cumStart: number;
  cumEnd: number;
};

const byObject = new WeakMap<BusinessCalendar, Timeline>();
const byContent = new Map<string, Timeline>();
/** Calendars kept by content; a long-lived process that saw more starts again (their cost is small). */
const MAX_CACHED_CALENDARS = 64;

function wallMinutes(time: string): number {
  const [hours = 0, minutes = 0] = time.split(":").map(Number);
  return hours * 60 + minutes;
}

/** Per ISO weekday, the union of its ranges in minutes (empty and inverted ranges have no time). */
function weeklyRanges(calendar: BusinessCalendar): [number, number][][] {
  const days: [number, number][][] = Array.from({ length: 8 }, () => []);
  for (const range of calendar.weeklyHours) {
    const start = wallMinutes(range.start);
    const end = wallMinutes(range.end);
    if (end > start) days[range.day]!.push([start, end]);
  }
  return days.map((ranges) => mergeRanges(ranges));
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Civil date of a day number: year, month (1–12), day, ISO weekday (1 = Monday). */
function civil(dayNumber: number) {
  const date = new Date(dayNumber * DAY_MS);
  const weekday = date.getUTCDay();
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: weekday === 0 ? 7 : weekday,
  };
}

const pad = (value: number) => String(value).padStart(2, "0");

function zoneOf(timeZone: string): IANAZone {
  // The rule the settings apply to a zone before saving it (IANA names only, no offsets).
  if (!isTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return IANAZone.create(timeZone);
}

function timelineOf(calendar: BusinessCalendar): Timeline {
  const cached = byObject.get(calendar);
  if (cached) return cached;
  const key = JSON.stringify([calendar.timeZone, calendar.weeklyHours, calendar.holidays]);
  let timeline = byContent.get(key);
  if (!timeline) {
    const zone = zoneOf(calendar.timeZone);
    if (!hasOpenTime(calendar)) throw new RangeError("The calendar has no open time.");
    timeline = {
      zone,
      weekly: weeklyRanges(calendar),
      holidayDates: new Set(calendar.holidays.filter((holiday) => !holiday.yearly).map((holiday) => holiday.date)),
      yearlyHolidays: new Set(
        calendar.holidays.filter((holiday) => holiday.yearly).map((holiday) => holiday.date.slice(5)),
      ),
      firstDay: 0,
      lastDay: 0,
      startMs: 0,
      endMs: 0,
      starts: [],
      ends: [],
      cums: [],
      cumStart: 0,
      cumEnd: 0,
    };
    if (byContent.size >= MAX_CACHED_CALENDARS) byContent.clear();
    byContent.set(key, timeline);
  }
  byObject.set(calendar, timeline);
  return timeline;
}

type Midnight = { ms: number; offset: number };

/** Local midnight starting `dayNumber` and the UTC offset then, in minutes (a midnight in a gap is the transition). */
function localMidnight(timeline: Timeline, dayNumber: number): Midnight {
  const { year, month, day } = civil(dayNumber);
  const midnight = DateTime.fromObject({ year, month, day }, { zone: timeline.zone });
  return { ms: midnight.toMillis(), offset: midnight.offset };
}

/**
 * The midnight after the one given. Most days keep their offset: the next midnight is then one
 * day of wall time later at the same offset, which the tz database confirms with one lookup.
 */
function nextMidnight(timeline: Timeline, dayNumber: number, midnight: Midnight): Midnight {
  const candidate = (dayNumber + 1) * DAY_MS - midnight.offset * MINUTE_MS;
  if (timeline.zone.offset(candidate) === midnight.offset) return { ms: candidate, offset: midnight.offset };
  return localMidnight(timeline, dayNumber + 1);
}

/**
 * On a date whose UTC offset changes (between its midnight and the next), the instant a wall
 * time is on the clock: `first` = its earliest occurrence (a range's start), `last` = its latest
 * (a range's end, so a range ending in the fall-back fold keeps the repeated hour). A wall time
 * in the spring-forward gap is never on the clock: the clock jumps past it at the transition,
 * which is the instant returned.
 */
function transitionDayInstant(
  timeline: Timeline,
  dayNumber: number,
  minuteOfDay: number,
  which: "first" | "last",
  midnightMs: number,
): number {
  const dayOffset = Math.floor(minuteOfDay / 1440);
  const { year, month, day } = civil(dayNumber + dayOffset);
  const minutes = minuteOfDay - dayOffset * 1440;
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const at = DateTime.fromObject({ year, month, day, hour, minute }, { zone: timeline.zone });
  if (at.hour === hour && at.minute === minute && at.day === day) {
    const instants = at.getPossibleOffsets().map((candidate) => candidate.toMillis());
    return which === "first" ? Math.min(...instants) : Math.max(...instants);
  }
  // In the gap luxon moves the wall time forward by the gap's length; the clock passed it at the
  // transition, the first instant after local midnight with the later offset.
  let low = midnightMs;
  let high = at.toMillis();
  if (timeline.zone.offset(low) === at.offset) return low;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (timeline.zone.offset(middle) === at.offset) high = middle;
    else low = middle;
  }
  return high;
}

/** Open intervals of the local dates [fromDay, toDay), merged, and the midnights bounding them. */
function expandDays(timeline: Timeline, fromDay: number, toDay: number) {
  const starts: number[] = [];
  const ends: number[] = [];
  const firstMidnight = localMidnight(timeline, fromDay);
  let midnight = firstMidnight;
  for (let dayNumber = fromDay; dayNumber < toDay; dayNumber++) {
    const next = nextMidnight(timeline, dayNumber, midnight);
    const { year, month, day, weekday } = civil(dayNumber);
    const monthDay = `${pad(month)}-${pad(day)}`;
    const ranges = timeline.weekly[weekday]!;
    if (
      ranges.length > 0 &&
      !timeline.yearlyHolidays.has(monthDay) &&
      !timeline.holidayDates.has(`${year}-${monthDay}`)
    ) {
      const dayIntervals: [number, number][] = [];
      for (const [start, end] of ranges) {
        // A date with one offset throughout: wall time minus that offset (the tz database's, via luxon).
        const [startMs, endMs] =
          midnight.offset === next.offset
            ? [midnight.ms + start * MINUTE_MS, midnight.ms + end * MINUTE_MS]
            : [
                transitionDayInstant(timeline, dayNumber, start, "first", midnight.ms),
                transitionDayInstant(timeline, dayNumber, end, "last", midnight.ms),
              ];
        if (endMs > startMs) dayIntervals.push([startMs, endMs]);
      }
      // Ranges around a fold may overlap once they are instants: merge again.
      for (const [start, end] of mergeRanges(dayIntervals)) {
        if (ends.length > 0 && start <= ends[ends.length - 1]!)
          ends[ends.length - 1] = Math.max(end, ends[ends.length - 1]!);
        else {
          starts.push(start);
          ends.push(end);
        }
      }
    }
    midnight = next;
  }
  return { starts, ends, startMs: firstMidnight.ms, endMs: midnight.ms };
}

function seed(timeline: Timeline, at: number) {
  const local = DateTime.fromMillis(at, { zone: timeline.zone });
  const dayNumber = Math.floor(Date.UTC(local.year, local.month - 1, local.day) / DAY_MS);
  const expanded = expandDays(timeline, dayNumber - 7, dayNumber + CHUNK_DAYS);
  timeline.firstDay = dayNumber - 7;
  timeline.lastDay = dayNumber + CHUNK_DAYS;
  timeline.startMs = expanded.startMs;
  timeline.endMs = expanded.endMs;
  timeline.starts = expanded.starts;
  timeline.ends = expanded.ends;
  timeline.cums = [];
  let cum = 0;
  for (let index = 0; index < expanded.starts.length; index++) {
    timeline.cums.push(cum);
    cum += expanded.ends[index]! - expanded.starts[index]!;
  }
  timeline.cumStart = 0;
  timeline.cumEnd = cum;
}

function extendForward(timeline: Timeline) {
  const expanded = expandDays(timeline, timeline.lastDay, timeline.lastDay + CHUNK_DAYS);
  timeline.lastDay += CHUNK_DAYS;
  timeline.endMs = expanded.endMs;
  const { starts, ends, cums } = timeline;
  for (let index = 0; index < expanded.starts.length; index++) {
    const start = expanded.starts[index]!;
    const end = expanded.ends[index]!;
    const lastEnd = ends.length > 0 ? ends[ends.length - 1]! : -Infinity;
    if (start <= lastEnd) {
      // An interval running over the old end of the timeline (a 24/7 week, a night shift).
      if (end > lastEnd) {
        timeline.cumEnd += end - lastEnd;
        ends[ends.length - 1] = end;
      }
    } else {
      starts.push(start);
      ends.push(end);
      cums.push(timeline.cumEnd);
      timeline.cumEnd += end - start;
    }
  }
}

function extendBackward(timeline: Timeline) {
  const expanded = expandDays(timeline, timeline.firstDay - CHUNK_DAYS, timeline.firstDay);
  const oldStartMs = timeline.startMs;
  timeline.firstDay -= CHUNK_DAYS;
  timeline.startMs = expanded.startMs;
  const oldFirstStart = timeline.starts[0] ?? Infinity;
  // What the new dates hold ends where the timeline began (it can only overlap around a fold).
  const starts: number[] = [];
  const ends: number[] = [];
  for (let index = 0; index < expanded.starts.length; index++) {
    const start = expanded.starts[index]!;
    const end = Math.min(expanded.ends[index]!, oldStartMs);
    if (end <= start) continue;
    starts.push(start);
    ends.push(end);
  }
  let total = 0;
  for (let index = 0; index < starts.length; index++) total += ends[index]! - starts[index]!;
  const cums: number[] = [];
  let cum = timeline.cumStart - total;
  for (let index = 0; index < starts.length; index++) {
    cums.push(cum);
    cum += ends[index]! - starts[index]!;
  }
  if (ends.length > 0 && ends[ends.length - 1]! >= oldFirstStart) {
    // The first old interval continues the last new one (a 24/7 week): it starts earlier now.
    timeline.starts[0] = starts.pop()!;
    ends.pop();
    timeline.cums[0] = cums.pop()!;
  }
  timeline.starts = [...starts, ...timeline.starts];
  timeline.ends = [...ends, ...timeline.ends];
  timeline.cums = [...cums, ...timeline.cums];
  timeline.cumStart -= total;
}

/** Grows the timeline until it covers the instant `at`. */
function cover(timeline: Timeline, at: number) {
  if (timeline.lastDay === timeline.firstDay) seed(timeline, at);
  while (at < timeline.startMs) extendBackward(timeline);
  while (at >= timeline.endMs) extendForward(timeline);
}

/** The largest index whose value is <= `value` in an ascending array, -1 when none. */
function lastAtOrBefore(values: number[], value: number): number {
  let low = 0;
  let high = values.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (values[middle]! <= value) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** Open milliseconds on the timeline before `at` (a position on the running total). */
function cumAt(timeline: Timeline, at: number): number {
  cover(timeline, at);
  const index = lastAtOrBefore(timeline.starts, at);
  if (index < 0) return timeline.cumStart;
  return timeline.cums[index]! + Math.min(at, timeline.ends[index]!) - timeline.starts[index]!;
}

function noOpenTime(direction: string, at: number): never {
  throw new RangeError(`The calendar has no open time within two years ${direction} ${new Date(at).toISOString()}.`);
}

/** A search forward from `from` gives up when the timeline holds no open time in its last two years. */
function checkOpensAfter(timeline: Timeline, from: number) {
  const lastOpen = Math.max(timeline.ends[timeline.ends.length - 1] ?? -Infinity, from);
  if (timeline.endMs - lastOpen > MAX_IDLE_MS) noOpenTime("after", from);
}

/** The earliest instant whose running total reaches `cum` (> the total at `from`): in open hours or at a closing. */
function instantReaching(timeline: Timeline, cum: number, from: number): number {
  while (timeline.cumEnd < cum) {
    extendForward(timeline);
    checkOpensAfter(timeline, from);
  }
  const { starts, ends, cums } = timeline;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cums[middle]! + ends[middle]! - starts[middle]! >= cum) high = middle;
    else low = middle + 1;
  }
  return starts[low]! + (cum - cums[low]!);
}

/** The latest instant whose running total is `cum` (< the total at `from`): in open hours or at an opening. */
function instantLeaving(timeline: Timeline, cum: number, from: number): number {
  while (timeline.cumStart > cum) {
    extendBackward(timeline);
    const firstOpen = Math.min(timeline.starts[0] ?? Infinity, from);
    if (firstOpen - timeline.startMs > MAX_IDLE_MS) noOpenTime("before", from);
  }
  const index = lastAtOrBefore(timeline.cums, cum);
  return timeline.starts[index]! + (cum - timeline.cums[index]!);
}

function instantOf(date: Date, name: string): number {
  const at = date.getTime();
  if (Number.isNaN(at)) throw new RangeError(`${name} is not a valid date.`);
  return at;
}

/**
 * The instant after `minutes` of the calendar's open time counted from `from` (negative: the
 * instant `-minutes` of open time before it). A start in closed hours counts from the next opening
 * (backwards: from the last closing). The result is never in closed hours, except that the end
 * of an open range is allowed ("due at 17:00", the closing), and `minutes` = 0 returns `from`.
 * Instants are UTC; `minutes` may be fractional (the result is rounded to the millisecond).
 * Throws RangeError for an unknown zone, a calendar without open time (`hasOpenTime`), an invalid
 * date, or when no open time lies within about two years (a calendar closed by dated holidays).
 */
export function addBusinessMinutes(calendar: BusinessCalendar, from: Date, minutes: number): Date {
  const start = instantOf(from, "from");
  if (!Number.isFinite(minutes)) throw new RangeError("minutes must be a finite number.");
  const timeline = timelineOf(calendar);
  const delta = Math.round(minutes * MINUTE_MS);
  if (delta === 0) return new Date(start);
  const target = cumAt(timeline, start) + delta;
  return new Date(delta > 0 ? instantReaching(timeline, target, start) : instantLeaving(timeline, target, start));
}

/**
 * The calendar's open minutes between two instants (UTC): what an SLA clock running from `from`
 * to `to` has counted. 0 when `to` <= `from`. Throws RangeError like `addBusinessMinutes`.
 */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const start = instantOf(from, "from");
  const end = instantOf(to, "to");
  const timeline = timelineOf(calendar);
  if (end <= start) return 0;
  return (cumAt(timeline, end) - cumAt(timeline, start)) / MINUTE_MS;
}

/**
 * Whether the calendar is open at the instant `at` (UTC): inside an opening range of its local
 * date, not a holiday. A range includes its start and excludes its end (closed at 17:00 sharp).
 */
export function isOpenAt(calendar: BusinessCalendar, at: Date): boolean {
  const instant = instantOf(at, "at");
  const timeline = timelineOf(calendar);
  cover(timeline, instant);
  const index = lastAtOrBefore(timeline.starts, instant);
  return index >= 0 && instant < timeline.ends[index]!;
}

/**
 * The first instant at or after `at` (UTC) when the calendar is open: `at` itself when it is open.
 * Throws RangeError when the calendar opens not within about two years, or like `addBusinessMinutes`.
 */
export function nextOpening(calendar: BusinessCalendar, at: Date): Date {
  const instant = instantOf(at, "at");
  const timeline = timelineOf(calendar);
  cover(timeline, instant);
  while (timeline.ends.length === 0 || timeline.ends[timeline.ends.length - 1]! <= instant) {
    extendForward(timeline);
    checkOpensAfter(timeline, instant);
  }
  const index = lastAtOrBefore(timeline.ends, instant) + 1;
  return new Date(Math.max(timeline.starts[index]!, instant));
}

/**
 * The length of the calendar's business day in minutes: its open minutes per week divided by the
 * number of weekdays that have opening hours (Mon–Fri 09:00–17:00 → 480; 24/7 → 1440), as wall
 * time, ignoring holidays and daylight-saving changes. SLA targets in days are multiplied by it
 * when a ticket opens (SlaTargetsSnapshot). Throws RangeError when no weekday has opening hours.
 */
export function businessDayMinutes(calendar: BusinessCalendar): number {
  const perDay = weeklyRanges(calendar)
    .map((ranges) => ranges.reduce((sum, [start, end]) => sum + end - start, 0))
    .filter((minutes) => minutes > 0);
  if (perDay.length === 0) throw new RangeError("The calendar has no opening hours.");
  return perDay.reduce((sum, minutes) => sum + minutes, 0) / perDay.length;
}

/**
 * Whether the calendar ever opens: some weekday has an opening range of positive length, and its
 * yearly holidays leave open days in every year (checked over the 28-year cycle in which the
 * Gregorian calendar repeats its weekdays). Dated (non-yearly) holidays close finitely many days
 * and are not considered. The services refuse a calendar without open time before saving it.
 */
export function hasOpenTime(calendar: BusinessCalendar): boolean {
  const weekly = weeklyRanges(calendar);
  const yearly = new Set(calendar.holidays.filter((holiday) => holiday.yearly).map((holiday) => holiday.date.slice(5)));
  for (let year = 2001; year <= 2028; year++) {
    const first = Date.UTC(year, 0, 1) / DAY_MS;
    const last = Date.UTC(year + 1, 0, 1) / DAY_MS;
    let open = false;
    for (let dayNumber = first; dayNumber < last && !open; dayNumber++) {
      const { month, day, weekday } = civil(dayNumber);
      open = weekly[weekday]!.length > 0 && !yearly.has(`${pad(month)}-${pad(day)}`);
    }
    if (!open) return false;
  }
  return true;
}
