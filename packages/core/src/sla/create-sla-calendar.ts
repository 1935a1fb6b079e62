import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import type { TSlaCalendarInput } from "./sla-input.ts";
import { slaWriteError } from "./sla-write-errors.ts";

/**
 * Settings ▸ Business hours ▸ New calendar (admins): stores a calendar whose hours and holidays
 * are local to its IANA `timeZone`, as ZSlaCalendarInput checked them. Audited
 * `sla.calendar_created`. Returns its id and name. Throws 403 for a technician, 409 `name_taken`
 * (field `name`) when the name is in use.
 */
export async function createSlaCalendar(options: { actor: TechnicianActor; input: TSlaCalendarInput }) {
  requireAdmin(options.actor);
  const { name, timeZone, weeklyHours, holidays } = options.input;
  try {
    return await getPrisma().$transaction(async (tx) => {
      const calendar = await tx.slaCalendar.create({
        data: { name, timeZone, weeklyHours, holidays },
        select: { id: true, name: true },
      });
      await recordAuditEvent(tx, {
        actor: technicianAuditActor(options.actor),
        action: "sla.calendar_created",
        subject: `sla_calendar:${calendar.id}`,
        data: { name, timeZone },
      });
      return calendar;
    });
  } catch (error) {
    throw slaWriteError(error, "calendar", name);
  }
}
