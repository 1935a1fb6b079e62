import { z } from "zod";
import { ZHoliday, ZWeeklyRange, type BusinessCalendar } from "./sla-types.ts";

/** The SystemSetting that names the default SLA policy (one value, so never two defaults). */
export const DEFAULT_SLA_POLICY_KEY = "sla.defaultPolicyId";

const ZStoredCalendar = z.object({
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
