import { getPrisma } from "@helpline/db";
import { SLA_CALENDAR_SELECT, toSlaCalendar } from "./sla-calendar-row.ts";

/**
 * Settings ▸ Business hours (any technician may read): every calendar by name, with its weekly
 * hours and holidays (local to its IANA `timeZone`), how many policies use it, and the progress of
 * the due-time recompute its last change queued (`recompute`: tickets done of total; null when
 * none is running).
 */
export async function listSlaCalendars() {
  const rows = await getPrisma().slaCalendar.findMany({
    orderBy: { name: "asc" },
    select: {
      ...SLA_CALENDAR_SELECT,
      _count: { select: { policies: true } },
      recompute: { select: { done: true, total: true } },
    },
  });
  return rows.map(({ _count, recompute, ...row }) => ({
    ...toSlaCalendar(row),
    policyCount: _count.policies,
    recompute,
  }));
}
