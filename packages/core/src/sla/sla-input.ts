import { STORABLE_TEXT } from "@helpline/protocol";
import { z } from "zod";
import { ZTimeZone } from "../settings/general-settings-input.ts";
import { SLA_PRIORITIES, ZHoliday, ZWallTime, type SlaPriority } from "./sla-types.ts";

/**
 * The inputs of Settings ▸ Business hours, Settings ▸ SLAs and Customer page ▸ SLA. Every rule a
 * form can break is a zod issue whose path names the row it belongs to (`weeklyHours.3.end`,
 * `holidays.0.date`, `targets.high.resolution.amount`), so `withTechnician` hands the form one
 * message per row and the form shows it there.
 */

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

const ZName = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.")
  .regex(STORABLE_TEXT, "Use printable characters.");

/** Minutes since local midnight of "HH:MM" ("24:00" = 1440). */
function wallMinutes(time: string): number {
  const [hours, minutes] = time.split(":").map(Number);
  return hours! * 60 + minutes!;
}

/** Whether "YYYY-MM-DD" names a day of the calendar (2026-02-30 does not). */
function isRealDate(date: string): boolean {
  const [year, month, day] = date.split("-").map(Number);
  const parsed = new Date(Date.UTC(year!, month! - 1, day!));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month! - 1 && parsed.getUTCDate() === day;
}

const ZRangeInput = z.object({
  day: z.number().int().min(1, "Choose a weekday.").max(7, "Choose a weekday."),
  start: ZWallTime,
  end: ZWallTime,
});

/**
 * A calendar as the editor sends it: name, IANA zone, weekly ranges (ISO weekday 1–7, local
 * "HH:MM"; "24:00" ends a range at midnight), holidays (local dates, optionally every year).
 *
 * Refused, each at its row: a range that ends at or before it starts (`weeklyHours.i.end`), a range
 * overlapping an earlier one of the same day (`weeklyHours.i.start`), no range at all in the week
 * (`weeklyHours`), a date that is not a day (`holidays.i.date`), the same holiday twice
 * (`holidays.i.date`: the same date, or two yearly holidays on the same month and day).
 */
const ZCalendarFields = z.object({
  name: ZName,
  timeZone: ZTimeZone,
  weeklyHours: z.array(ZRangeInput).max(70, "Use at most 10 ranges a day."),
  holidays: z
    .array(ZHoliday.extend({ name: ZName.or(z.literal("")).default("") }))
    .max(500, "Use at most 500 holidays."),
});

function checkCalendar(calendar: z.infer<typeof ZCalendarFields>, ctx: z.RefinementCtx) {
  if (calendar.weeklyHours.length === 0)
    ctx.addIssue({
      code: "custom",
      path: ["weeklyHours"],
      message: "Open at least one day: the clock would never run.",
    });
  // Ranges kept so far per ISO weekday (index 0 unused).
  const seen: { start: number; end: number; index: number }[][] = [[], [], [], [], [], [], [], []];
  calendar.weeklyHours.forEach((range, index) => {
    // zod runs this check even when a field of the range was refused; that range is skipped.
    if (
      !(range.day >= 1 && range.day <= 7) ||
      !ZWallTime.safeParse(range.start).success ||
      !ZWallTime.safeParse(range.end).success
    )
      return;
    const start = wallMinutes(range.start);
    const end = wallMinutes(range.end);
    if (start === end) {
      ctx.addIssue({ code: "custom", path: ["weeklyHours", index, "end"], message: "This range is empty." });
      return;
    }
    if (start > end) {
      ctx.addIssue({ code: "custom", path: ["weeklyHours", index, "end"], message: "End after the start." });
      return;
    }
    const other = seen[range.day]!.find((earlier) => start < earlier.end && earlier.start < end);
    if (other) {
      const previous = calendar.weeklyHours[other.index]!;
      ctx.addIssue({
        code: "custom",
        path: ["weeklyHours", index, "start"],
        message: `Overlaps ${previous.start}–${previous.end} on ${WEEKDAYS[range.day - 1]}.`,
      });
      return;
    }
    seen[range.day]!.push({ start, end, index });
  });
  const dates = new Map<string, number>();
  calendar.holidays.forEach((holiday, index) => {
    if (!ZHoliday.shape.date.safeParse(holiday.date).success) return;
    if (!isRealDate(holiday.date)) {
      ctx.addIssue({ code: "custom", path: ["holidays", index, "date"], message: "This date does not exist." });
      return;
    }
    // A yearly holiday is the same holiday every year: its key is its month and day.
    const keys = holiday.yearly ? [`yearly ${holiday.date.slice(5)}`, holiday.date] : [holiday.date];
    const clash = keys.find((key) => dates.has(key));
    if (clash !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["holidays", index, "date"],
        message: `Already a holiday (row ${dates.get(clash)! + 1}).`,
      });
      return;
    }
    for (const key of keys) dates.set(key, index);
  });
}

export const ZSlaCalendarInput = ZCalendarFields.superRefine(checkCalendar);
export type TSlaCalendarInput = z.infer<typeof ZSlaCalendarInput>;

export const ZSlaCalendarRef = z.object({ calendarId: z.uuid("Unknown calendar.") });
export type TSlaCalendarRef = z.infer<typeof ZSlaCalendarRef>;

/** ZSlaCalendarInput and the calendar it replaces (same field paths as a new calendar's). */
export const ZUpdateSlaCalendarInput = ZCalendarFields.extend({ calendarId: z.uuid("Unknown calendar.") }).superRefine(
  checkCalendar,
);
export type TUpdateSlaCalendarInput = z.infer<typeof ZUpdateSlaCalendarInput>;

/** Minutes per unit when no calendar is needed to compare ("days" depends on the calendar). */
const UNIT_MINUTES = { minutes: 1, hours: 60 } as const;

const ZTargetInput = z.object({
  amount: z
    .number({ error: "Enter a number." })
    .int("Use a whole number.")
    .positive("Use more than zero.")
    .max(9999, "Use at most 9999."),
  unit: z.enum(["minutes", "hours", "days"], { error: "Choose minutes, hours or days." }),
});

/**
 * A policy as the editor sends it: name, calendar, per priority a first response and a resolution
 * target in business minutes, hours or days (a business day is the calendar's average open day,
 * converted when a ticket opens), and the warning threshold in percent of a target (1–99,
 * default 75).
 *
 * Refused at their row: a target of zero or less (`targets.<priority>.<target>.amount`); a
 * resolution shorter than the first response (`targets.<priority>.resolution.amount`), where the
 * two are comparable without a calendar (same unit, or minutes against hours).
 */
const ZPolicyFields = z.object({
  name: ZName,
  calendarId: z.uuid("Choose a calendar."),
  targets: z.object(
    Object.fromEntries(
      SLA_PRIORITIES.map((priority) => [priority, z.object({ firstResponse: ZTargetInput, resolution: ZTargetInput })]),
    ) as Record<SlaPriority, z.ZodObject<{ firstResponse: typeof ZTargetInput; resolution: typeof ZTargetInput }>>,
  ),
  warningPercent: z
    .number({ error: "Enter a percentage." })
    .int("Use a whole number.")
    .min(1, "Use 1 to 99.")
    .max(99, "Use 1 to 99.")
    .default(75),
});

function checkPolicy(policy: z.infer<typeof ZPolicyFields>, ctx: z.RefinementCtx) {
  for (const priority of SLA_PRIORITIES) {
    const { firstResponse, resolution } = policy.targets[priority];
    // A refused amount already has its message; comparing it would only add a second one.
    if (!ZTargetInput.safeParse(firstResponse).success || !ZTargetInput.safeParse(resolution).success) continue;
    const comparable =
      firstResponse.unit === resolution.unit || (firstResponse.unit !== "days" && resolution.unit !== "days");
    if (!comparable) continue;
    const minutes = (target: typeof firstResponse) =>
      target.unit === "days" ? target.amount : target.amount * UNIT_MINUTES[target.unit];
    if (minutes(resolution) < minutes(firstResponse))
      ctx.addIssue({
        code: "custom",
        path: ["targets", priority, "resolution", "amount"],
        message: "Resolution cannot be shorter than the first response.",
      });
  }
}

export const ZSlaPolicyInput = ZPolicyFields.superRefine(checkPolicy);
export type TSlaPolicyInput = z.infer<typeof ZSlaPolicyInput>;

export const ZSlaPolicyRef = z.object({ policyId: z.uuid("Unknown policy.") });
export type TSlaPolicyRef = z.infer<typeof ZSlaPolicyRef>;

/** ZSlaPolicyInput and the policy it replaces (same field paths as a new policy's). */
export const ZUpdateSlaPolicyInput = ZPolicyFields.extend({ policyId: z.uuid("Unknown policy.") }).superRefine(
  checkPolicy,
);
export type TUpdateSlaPolicyInput = z.infer<typeof ZUpdateSlaPolicyInput>;

/** Customer page ▸ SLA: the customer's own policy, or null for the default policy. */
export const ZSetCustomerSlaPolicyInput = z.object({
  customerId: z.uuid("Unknown customer."),
  policyId: z.uuid("Choose a policy.").nullable(),
});
export type TSetCustomerSlaPolicyInput = z.infer<typeof ZSetCustomerSlaPolicyInput>;
