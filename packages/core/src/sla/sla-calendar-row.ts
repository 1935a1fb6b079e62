import type { Prisma } from "@helpline/db";
import { z } from "zod";
import { ZHoliday, ZWeeklyRange, type BusinessCalendar, type Holiday, type WeeklyRange } from "./sla-types.ts";

/** The SystemSetting that names the default SLA policy (one value, so never two defaults). */
export const DEFAULT_SLA_POLICY_KEY = "sla.defaultPolicyId";

/** An SlaCalendar row's zone and JSON columns (`safeParse` where a bad row must not throw). */
export const ZStoredCalendar = z.object({
  timeZone: z.string(),
  weeklyHours: z.array(ZWeeklyRange),
  holidays: z.array(ZHoliday),
});

/**
 * An SlaCalendar row's JSON columns as the business-time arithmetic takes them. The services
 * validate calendars before saving, so a row that fails here was written by hand: zod's error
 * says which field.
 */
export function businessCalendarOf(row: {
  timeZone: string;
  weeklyHours: unknown;
  holidays: unknown;
}): BusinessCalendar {
  return ZStoredCalendar.parse(row);
}

/** The columns every calendar read of Settings ▸ Business hours takes. */
export const SLA_CALENDAR_SELECT = {
  id: true,
  name: true,
  timeZone: true,
  weeklyHours: true,
  holidays: true,
  updatedAt: true,
} satisfies Prisma.SlaCalendarSelect;

type CalendarRow = Prisma.SlaCalendarGetPayload<{ select: typeof SLA_CALENDAR_SELECT }>;

/**
 * A stored calendar as plain data for the settings pages: its JSON columns parsed as
 * `businessCalendarOf` does, weekly ranges sorted by day then start.
 */
export function toSlaCalendar(row: CalendarRow): {
  id: string;
  name: string;
  timeZone: string;
  weeklyHours: WeeklyRange[];
  holidays: Holiday[];
  updatedAt: Date;
} {
  const { weeklyHours, holidays } = businessCalendarOf(row);
  weeklyHours.sort((a, b) => a.day - b.day || a.start.localeCompare(b.start));
  return { ...row, weeklyHours, holidays };
}
