import { getPrisma } from "@helpline/db";
import { isDeepStrictEqual } from "node:util";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { queueCalendarRecompute } from "./queue-calendar-recompute.ts";
import type { TUpdateSlaCalendarInput } from "./sla-input.ts";
import { SLA_CALENDAR_SELECT, toSlaCalendar } from "./sla-calendar-row.ts";
import { slaWriteError } from "./sla-write-errors.ts";

/**
 * Settings ▸ Business hours ▸ Save (admins): replaces a calendar's name, IANA `timeZone`, weekly
 * hours and holidays (local to that zone). Unlike a policy edit, a calendar edit applies to the
 * tickets already on it: when the zone, hours or holidays changed, the recompute of every ticket on
 * it not closed yet is queued in the same transaction (queueCalendarRecompute; the SLA scheduler
 * works through it). Audited `sla.calendar_updated` (with what changed). Returns
 * `{ id, name, hoursChanged, recomputeTotal }` (tickets queued; 0 when none). Throws 403 for a technician, 404 when it is gone, 409
 * `name_taken` (field `name`).
 */
export async function updateSlaCalendar(options: { actor: TechnicianActor; input: TUpdateSlaCalendarInput }) {
  requireAdmin(options.actor);
  const { calendarId, name, timeZone, weeklyHours, holidays } = options.input;
  try {
    return await getPrisma().$transaction(async (tx) => {
      // Locked so two saves compare against what the other wrote, and each queues its recompute.
      await tx.$executeRaw`SELECT 1 FROM "SlaCalendar" WHERE id = ${calendarId}::uuid FOR UPDATE`;
      const before = await tx.slaCalendar.findUnique({ where: { id: calendarId }, select: SLA_CALENDAR_SELECT });
      if (!before) throw new DomainError("not_found", "This calendar no longer exists.", 404);
      const old = toSlaCalendar(before);
      const sorted = [...weeklyHours].sort((a, b) => a.day - b.day || a.start.localeCompare(b.start));
      const hoursChanged =
        old.timeZone !== timeZone ||
        !isDeepStrictEqual(
          old.weeklyHours.map(({ day, start, end }) => ({ day, start, end })),
          sorted,
        ) ||
        // A holiday's name does not move a due time; its date and repetition do.
        !isDeepStrictEqual(
          old.holidays.map(({ date, yearly }) => ({ date, yearly })),
          holidays.map(({ date, yearly }) => ({ date, yearly })),
        );
      await tx.slaCalendar.update({
        where: { id: calendarId },
        data: { name, timeZone, weeklyHours: sorted, holidays },
      });
      // In this transaction, so the job exists exactly when the new hours do.
      const recomputeTotal = hoursChanged ? (await queueCalendarRecompute(tx, { calendarId })).total : 0;
      await recordAuditEvent(tx, {
        actor: technicianAuditActor(options.actor),
        action: "sla.calendar_updated",
        subject: `sla_calendar:${calendarId}`,
        data: { name, timeZone, hoursChanged, recomputeTotal, ...(old.name !== name ? { renamedFrom: old.name } : {}) },
      });
      return { id: calendarId, name, hoursChanged, recomputeTotal };
    });
  } catch (error) {
    throw slaWriteError(error, "calendar", name);
  }
}
