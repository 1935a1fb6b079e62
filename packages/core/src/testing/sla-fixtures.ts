import type { BusinessCalendar, SlaTargetsSnapshot } from "../sla/sla-types.ts";

/**
 * Monday–Friday 09:00–17:00 in `timeZone` (UTC unless given): in UTC, instants read as wall times.
 * For tests of SLA clocks (1 December 2026 is a Tuesday).
 */
export function officeCalendar(timeZone = "UTC"): BusinessCalendar {
  return {
    timeZone,
    weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "17:00" })),
    holidays: [],
  };
}

/**
 * A ticket's targets snapshot as the default policy "Standard" gives it on an 8-hour business day
 * (Critical 1 h / 4 h, High 2 h / 8 h, Medium 4 h / 2 days, Low 8 h / 5 days), warning at 75 %.
 */
export const STANDARD_TARGETS: SlaTargetsSnapshot = {
  policyId: "00000000-0000-4000-8000-000000000001",
  policyName: "Standard",
  takenAt: "2026-12-01T10:00:00.000Z",
  warningPercent: 75,
  minutes: {
    critical: { firstResponse: 60, resolution: 240 },
    high: { firstResponse: 120, resolution: 480 },
    medium: { firstResponse: 240, resolution: 960 },
    low: { firstResponse: 480, resolution: 2400 },
  },
};
