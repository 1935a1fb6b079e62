import { computeTicketSla, type SlaClock, type TicketSlaInput } from "./compute-ticket-sla.ts";
import { SLA_TARGETS, type SlaTarget } from "./sla-types.ts";

/** An alert the scheduler already sent for a ticket (SlaAlert rows). */
export type SentSlaAlert = { target: SlaTarget; kind: "warning" | "breach" };

/**
 * SlaAlert rows as `ticketSlaColumns` takes them: the table's target and kind are text, so only
 * the known targets and kinds count (other fields of a row, such as its ticketId, are kept).
 */
export function sentSlaAlerts<Row extends { target: string; kind: string }>(rows: Row[]): (Row & SentSlaAlert)[] {
  return rows.filter(
    (row): row is Row & SentSlaAlert =>
      (SLA_TARGETS as readonly string[]).includes(row.target) && (row.kind === "warning" || row.kind === "breach"),
  );
}

/** The SLA columns of a Ticket row; every instant UTC, null where the comment says. */
export type TicketSlaColumns = {
  /** While that clock runs: when it breaches (past when already breached); else null. */
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  /** When that target was breached, kept after the clock stops (compliance); null = not (yet). */
  firstResponseBreachedAt: Date | null;
  resolutionBreachedAt: Date | null;
  /** The last change to Resolved or Closed while the ticket is one of them; else null. */
  resolvedAt: Date | null;
  /** The running target's due and warning times (first response until met, then resolution): the Tickets list's Due column, SLA filter and sort; null when no clock runs. */
  slaDueAt: Date | null;
  slaWarnAt: Date | null;
  /** The next instant the scheduler owes the ticket an alert (now when one is overdue); null = none. */
  slaAlertAt: Date | null;
};

/** A ticket whose SLA cannot be computed any more (calendar deleted, snapshot unreadable): no clock, nothing due, no alert owed. */
export const NO_SLA_COLUMNS: TicketSlaColumns = {
  firstResponseDueAt: null,
  resolutionDueAt: null,
  firstResponseBreachedAt: null,
  resolutionBreachedAt: null,
  resolvedAt: null,
  slaDueAt: null,
  slaWarnAt: null,
  slaAlertAt: null,
};

/**
 * The Ticket columns derived from its SLA clocks (computeTicketSla) and the alerts already sent:
 * the one source of truth for refreshTicketSla (one ticket, after every change) and
 * recomputeCalendarTickets (a calendar's tickets in bulk). A breach instant is stored only once it
 * is past (`<= now`); the next alert is the earliest warning or breach instant of a running clock
 * whose alert is not in `alertsSent`, moved up to `now` when already past so the scheduler's
 * `slaAlertAt <= now` query picks it up. Pure; throws RangeError like computeTicketSla.
 */
export function ticketSlaColumns(input: TicketSlaInput & { alertsSent: SentSlaAlert[] }): TicketSlaColumns {
  const { firstResponse, resolution } = computeTicketSla(input);
  const now = input.now.getTime();
  const past = (at: Date | null) => (at && at.getTime() <= now ? at : null);
  const sent = new Set(input.alertsSent.map((alert) => `${alert.target}:${alert.kind}`));

  const owed: number[] = [];
  for (const clock of [firstResponse, resolution]) {
    if (clock.state !== "running") continue;
    for (const [kind, at] of [
      ["warning", clock.warnAt],
      ["breach", clock.dueAt],
    ] as const) {
      if (at && !sent.has(`${clock.target}:${kind}`)) owed.push(Math.max(at.getTime(), now));
    }
  }
  const current: SlaClock = firstResponse.state === "met" ? resolution : firstResponse;

  return {
    firstResponseDueAt: firstResponse.dueAt,
    resolutionDueAt: resolution.dueAt,
    firstResponseBreachedAt: past(firstResponse.breachedAt),
    resolutionBreachedAt: past(resolution.breachedAt),
    // Resolution is met exactly while the ticket is Resolved or Closed, by its last such change.
    resolvedAt: resolution.metAt,
    slaDueAt: current.dueAt,
    slaWarnAt: current.warnAt,
    slaAlertAt: owed.length > 0 ? new Date(Math.min(...owed)) : null,
  };
}
