import type { Prisma } from "@helpline/db";
import { DomainError } from "../errors.ts";
import { businessDayMinutes } from "./business-time.ts";
import { businessCalendarOf } from "./sla-calendar-row.ts";
import { SLA_PRIORITIES, type PolicyTargets, type TargetDuration } from "./sla-types.ts";

/**
 * The policy rule ZSlaPolicyInput cannot check alone: a resolution shorter than the first response
 * when one is in days and the other is not, since a day is the calendar's business-day length
 * (`businessDayMinutes`, e.g. 480 for Mon–Fri 09:00–17:00). Reads the calendar through `tx`.
 * Throws 422 `calendar_not_found` (field `calendarId`) when it is gone, 422 `invalid_targets` with
 * a field error at `targets.<priority>.resolution.amount` for each priority that breaks the rule.
 */
export async function checkPolicyTargets(
  tx: Prisma.TransactionClient,
  options: { calendarId: string; targets: PolicyTargets },
): Promise<void> {
  const calendar = await tx.slaCalendar.findUnique({ where: { id: options.calendarId } });
  if (!calendar) {
    const message = "This calendar no longer exists. Choose another.";
    throw new DomainError("calendar_not_found", message, 422, { fields: { calendarId: message } });
  }
  const day = businessDayMinutes(businessCalendarOf(calendar));
  const minutes = (target: TargetDuration) =>
    target.amount * (target.unit === "days" ? day : target.unit === "hours" ? 60 : 1);
  const fields: Record<string, string> = {};
  for (const priority of SLA_PRIORITIES) {
    const { firstResponse, resolution } = options.targets[priority];
    if (minutes(resolution) < minutes(firstResponse))
      fields[`targets.${priority}.resolution.amount`] =
        `Resolution cannot be shorter than the first response (a day of ${calendar.name} is ${day / 60} h).`;
  }
  if (Object.keys(fields).length > 0)
    throw new DomainError("invalid_targets", "A resolution target is shorter than its first response.", 422, {
      fields,
    });
}
