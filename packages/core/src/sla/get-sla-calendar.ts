import { getPrisma } from "@helpline/db";
import { DomainError } from "../errors.ts";
import type { TSlaCalendarRef } from "./sla-input.ts";
import { SLA_CALENDAR_SELECT, toSlaCalendar } from "./sla-calendar-row.ts";

/**
 * One calendar for its editor (any technician may read): name, IANA `timeZone`, weekly hours and
 * holidays local to that zone, the policies using it, and the running recompute's progress
 * (`recompute`: tickets done of total, null when none runs). Throws 404 `not_found` when it is gone.
 */
export async function getSlaCalendar(options: { input: TSlaCalendarRef }) {
  const row = await getPrisma().slaCalendar.findUnique({
    where: { id: options.input.calendarId },
    select: {
      ...SLA_CALENDAR_SELECT,
      policies: { select: { id: true, name: true }, orderBy: { name: "asc" } },
      recompute: { select: { done: true, total: true } },
    },
  });
  if (!row) throw new DomainError("not_found", "This calendar no longer exists.", 404);
  const { policies, recompute, ...calendar } = row;
  return { ...toSlaCalendar(calendar), policies, recompute };
}
