import { getPrisma } from "@helpline/db";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { getGeneralSettings } from "../settings/get-general-settings.ts";
import { DEFAULT_SLA_POLICY_KEY } from "./sla-calendar-row.ts";
import type { PolicyTargets, WeeklyRange } from "./sla-types.ts";

export const DEFAULT_CALENDAR_NAME = "Business hours";
export const DEFAULT_POLICY_NAME = "Standard";

// Monday to Friday, 09:00–17:00 local time.
const OFFICE_HOURS: WeeklyRange[] = [1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "17:00" }));

// The defaults: what most MSP contracts start from.
const STANDARD_TARGETS: PolicyTargets = {
  critical: { firstResponse: { amount: 1, unit: "hours" }, resolution: { amount: 4, unit: "hours" } },
  high: { firstResponse: { amount: 2, unit: "hours" }, resolution: { amount: 8, unit: "hours" } },
  medium: { firstResponse: { amount: 4, unit: "hours" }, resolution: { amount: 2, unit: "days" } },
  low: { firstResponse: { amount: 8, unit: "hours" }, resolution: { amount: 5, unit: "days" } },
};

/**
 * On a database without any business-hours calendar (the first start), creates the calendar
 * "Business hours" (Monday–Friday 09:00–17:00 in the MSP's zone, Settings ▸ General ▸ Time zone),
 * the policy "Standard" on it (Critical 1 h / 4 h, High 2 h / 8 h, Medium 4 h / 2 days, Low 8 h /
 * 5 days; warning at 75 %) and makes it the default (`sla.defaultPolicyId`), so a fresh install
 * shows SLAs at once. Audited as `sla.defaults_created`. A database that has a calendar is left
 * alone (an admin who deleted or renamed these keeps their choice).
 *
 * Safe when several processes start at once: a transaction-level advisory lock makes them check
 * and create one after the other, so exactly one creates. Returns whether this call created them
 * and, if so, the zone used.
 */
export async function ensureDefaultSla(): Promise<{ created: false } | { created: true; timeZone: string }> {
  // Read before the transaction: on the embedded database a query outside an open transaction
  // would wait for it.
  const { timeZone } = await getGeneralSettings();
  return getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('helpline.ensureDefaultSla'))`;
    if ((await tx.slaCalendar.count()) > 0) return { created: false as const };
    const calendar = await tx.slaCalendar.create({
      data: { name: DEFAULT_CALENDAR_NAME, timeZone, weeklyHours: OFFICE_HOURS, holidays: [] },
      select: { id: true },
    });
    const policy = await tx.slaPolicy.create({
      data: { name: DEFAULT_POLICY_NAME, calendarId: calendar.id, targets: STANDARD_TARGETS, warningPercent: 75 },
      select: { id: true },
    });
    await tx.systemSetting.upsert({
      where: { key: DEFAULT_SLA_POLICY_KEY },
      create: { key: DEFAULT_SLA_POLICY_KEY, value: policy.id },
      update: { value: policy.id },
    });
    await recordAuditEvent(tx, {
      actor: { type: "system" },
      action: "sla.defaults_created",
      data: { calendarId: calendar.id, policyId: policy.id, timeZone },
    });
    return { created: true as const, timeZone };
  });
}
