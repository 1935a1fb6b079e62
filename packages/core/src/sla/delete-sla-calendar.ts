import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import type { TSlaCalendarRef } from "./sla-input.ts";

/**
 * Settings ▸ Business hours ▸ Delete (admins). Refused with 409 `calendar_in_use` while a policy
 * uses it (naming the policies) or tickets not closed yet still run on it (they keep the calendar
 * they started with; a resolved one may be reopened). The row lock (FOR UPDATE) waits for a policy being
 * created on it to commit, so the check sees it; one created after the lock finds the calendar gone
 * (its foreign key check waits for this transaction). Audited `sla.calendar_deleted`.
 * Throws 403 for a technician, 404 when it is gone.
 */
export async function deleteSlaCalendar(options: { actor: TechnicianActor; input: TSlaCalendarRef }) {
  requireAdmin(options.actor);
  const { calendarId } = options.input;
  await getPrisma().$transaction(async (tx) => {
    const [calendar] = await tx.$queryRaw<{ name: string }[]>`
        SELECT name FROM "SlaCalendar" WHERE id = ${calendarId}::uuid FOR UPDATE`;
    if (!calendar) throw new DomainError("not_found", "This calendar no longer exists.", 404);
    const policies = await tx.slaPolicy.findMany({
      where: { calendarId },
      select: { name: true },
      orderBy: { name: "asc" },
    });
    if (policies.length > 0)
      throw new DomainError(
        "calendar_in_use",
        `${calendar.name} is used by ${policies.map((policy) => policy.name).join(", ")}. Give ${policies.length === 1 ? "that policy" : "those policies"} another calendar first.`,
        409,
      );
    const openTickets = await tx.ticket.count({ where: { slaCalendarId: calendarId, status: { not: "closed" } } });
    if (openTickets > 0)
      throw new DomainError(
        "calendar_in_use",
        `${openTickets.toLocaleString("en")} ${openTickets === 1 ? "ticket still runs" : "tickets still run"} on ${calendar.name} (not closed yet). Delete it when they are closed.`,
        409,
      );
    await tx.slaCalendar.delete({ where: { id: calendarId } });
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "sla.calendar_deleted",
      subject: `sla_calendar:${calendarId}`,
      data: { name: calendar.name },
    });
  });
}
