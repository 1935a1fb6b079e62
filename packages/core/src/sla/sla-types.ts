import { z } from "zod";

/**
 * The shapes SLAs are made of, shared by the business-time arithmetic, the engine that derives a
 * ticket's due times, the services and the console. Stored JSON columns (SlaCalendar.weeklyHours,
 * .holidays, SlaPolicy.targets, Ticket.slaTargets) are parsed with these schemas when read.
 */

/** The ticket priorities, lowest first (Prisma's TicketPriority). */
export const SLA_PRIORITIES = ["low", "medium", "high", "critical"] as const;
export type SlaPriority = (typeof SLA_PRIORITIES)[number];

/** The two clocks of a ticket. */
export const SLA_TARGETS = ["first_response", "resolution"] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** "HH:MM", 24-hour local wall time in the calendar's zone; "24:00" only as the end of a range. */
export const ZWallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Use a time such as 08:30.");

/**
 * One opening range on one weekday, local to the calendar's zone: `day` is ISO (1 = Monday …
 * 7 = Sunday), `start` < `end`; "24:00" as the end means midnight at the end of that day. A day may
 * have several ranges (08:00–12:00 and 13:00–17:30); ranges of one day never overlap.
 */
export const ZWeeklyRange = z.object({
  day: z.number().int().min(1).max(7),
  start: ZWallTime,
  end: ZWallTime,
});
export type WeeklyRange = z.infer<typeof ZWeeklyRange>;

/**
 * A closed day, local to the calendar's zone: `date` "YYYY-MM-DD"; `yearly` repeats it on the same
 * month and day every year (a fixed-date holiday such as 25 December).
 */
export const ZHoliday = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date such as 2026-12-25."),
  name: z.string().trim().max(100).default(""),
  yearly: z.boolean().default(false),
});
export type Holiday = z.infer<typeof ZHoliday>;

/** What the business-time arithmetic needs of a calendar (SlaCalendar without its name and ids). */
export type BusinessCalendar = {
  /** IANA zone, e.g. "Europe/Paris". */
  timeZone: string;
  weeklyHours: WeeklyRange[];
  holidays: Holiday[];
};

/** A target as an admin typed it: 30 minutes, 4 hours, 2 days (business days of the calendar). */
export const ZTargetDuration = z.object({
  amount: z.number().int().positive(),
  unit: z.enum(["minutes", "hours", "days"]),
});
export type TargetDuration = z.infer<typeof ZTargetDuration>;

/** SlaPolicy.targets: per priority, the first response and the resolution target. */
export const ZPolicyTargets = z.object(
  Object.fromEntries(
    SLA_PRIORITIES.map((priority) => [
      priority,
      z.object({ firstResponse: ZTargetDuration, resolution: ZTargetDuration }),
    ]),
  ) as Record<SlaPriority, z.ZodObject<{ firstResponse: typeof ZTargetDuration; resolution: typeof ZTargetDuration }>>,
);
export type PolicyTargets = z.infer<typeof ZPolicyTargets>;

/**
 * Ticket.slaTargets: the targets a ticket keeps from the policy it started under, in business
 * minutes (days already converted with the calendar's business-day length when the ticket opened),
 * for every priority (a priority change takes the new priority's targets from here, not from
 * the policy as it is now). `takenAt` is ISO 8601 UTC.
 */
export const ZSlaTargetsSnapshot = z.object({
  policyId: z.string(),
  policyName: z.string(),
  takenAt: z.string(),
  warningPercent: z.number().int().min(1).max(99),
  minutes: z.object(
    Object.fromEntries(
      SLA_PRIORITIES.map((priority) => [
        priority,
        z.object({ firstResponse: z.number().positive(), resolution: z.number().positive() }),
      ]),
    ) as Record<SlaPriority, z.ZodObject<{ firstResponse: z.ZodNumber; resolution: z.ZodNumber }>>,
  ),
});
export type SlaTargetsSnapshot = z.infer<typeof ZSlaTargetsSnapshot>;
