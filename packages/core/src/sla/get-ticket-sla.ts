import { getPrisma } from "@helpline/db";
import { computeTicketSla, type SlaClock } from "./compute-ticket-sla.ts";
import { businessCalendarOf } from "./sla-calendar-row.ts";
import { ZSlaTargetsSnapshot } from "./sla-types.ts";

/**
 * Where one target stands at `now`: `on_track`, `due_soon` (past its warning time), `breached`
 * (past its due time) while the clock runs; `paused` while the ticket is Pending; `met` once
 * answered (first response) or resolved (resolution).
 */
export type TicketSlaTargetState = "on_track" | "due_soon" | "breached" | "paused" | "met";

function targetView(clock: SlaClock, now: Date) {
  const state: TicketSlaTargetState =
    clock.state === "running"
      ? clock.dueAt && clock.dueAt <= now
        ? "breached"
        : clock.warnAt && clock.warnAt <= now
          ? "due_soon"
          : "on_track"
      : clock.state;
  return {
    target: clock.target,
    /** The target, business minutes. */
    minutes: clock.minutes,
    state,
    /** Running: when it is (or was) due. */
    dueAt: clock.dueAt,
    /** Met: the reply or resolution that met it. */
    metAt: clock.metAt,
    /** Whether the target was missed: its time ran out before it was met (or before now). */
    late: clock.breachedAt !== null && clock.breachedAt <= (clock.metAt ?? now),
    /** Business minutes left on the clock (negative: overdue by that much); 0 once met. */
    minutesLeft: clock.state === "met" ? 0 : clock.minutes - clock.elapsedMinutes,
  };
}

/**
 * The ticket page's SLA panel: the ticket's two clocks at `now` (default: the current time),
 * recomputed from its history with `computeTicketSla` on the targets it keeps (Ticket.slaTargets)
 * and the calendar it runs on. Out: `policyName` (the policy it started under), `asOf` (the instant
 * it took its targets, UTC, when the policy has been edited or removed since: it keeps the older
 * targets — the "open tickets keep the targets they started with (shown as such)"; else
 * null), `calendarName` and `timeZone` (the calendar's IANA zone), and `targets` for first response
 * then resolution (`TicketSlaTargetState`, instants UTC, durations business minutes). Null for an
 * unknown ticket or one without an SLA (no targets, an unreadable snapshot, or its calendar was
 * deleted). Throws RangeError
 * when the stored calendar cannot be computed on (see business-time.ts).
 */
export async function getTicketSla(options: { ticketId: string; now?: Date }) {
  const now = options.now ?? new Date();
  const ticket = await getPrisma().ticket.findUnique({
    where: { id: options.ticketId },
    select: {
      priority: true,
      createdAt: true,
      firstRespondedAt: true,
      slaTargets: true,
      slaPolicy: { select: { updatedAt: true } },
      slaCalendar: { select: { name: true, timeZone: true, weeklyHours: true, holidays: true } },
      statusChanges: { orderBy: { id: "asc" }, select: { status: true, at: true } },
    },
  });
  if (!ticket || ticket.slaTargets === null || !ticket.slaCalendar) return null;
  // An unreadable snapshot (written by hand) is no SLA, as refreshTicketSla treats it.
  const parsed = ZSlaTargetsSnapshot.safeParse(ticket.slaTargets);
  if (!parsed.success) return null;
  const targets = parsed.data;
  const takenAt = new Date(targets.takenAt);
  const clocks = computeTicketSla({
    calendar: businessCalendarOf(ticket.slaCalendar),
    targets,
    priority: ticket.priority,
    createdAt: ticket.createdAt,
    statusChanges: ticket.statusChanges,
    firstRespondedAt: ticket.firstRespondedAt,
    now,
  });
  return {
    policyName: targets.policyName,
    asOf: !ticket.slaPolicy || ticket.slaPolicy.updatedAt > takenAt ? takenAt : null,
    calendarName: ticket.slaCalendar.name,
    timeZone: ticket.slaCalendar.timeZone,
    warningPercent: targets.warningPercent,
    targets: [targetView(clocks.firstResponse, now), targetView(clocks.resolution, now)],
  };
}
