import { addBusinessMinutes, businessMinutesBetween } from "./business-time.ts";
import type { BusinessCalendar, SlaPriority, SlaTarget, SlaTargetsSnapshot } from "./sla-types.ts";

/** A ticket status as the history records it (Prisma's TicketStatus). */
export type SlaTicketStatus = "open" | "pending" | "resolved" | "closed";

/** What a ticket's SLA clocks are derived from; every instant is a UTC `Date`. */
export type TicketSlaInput = {
  /** The calendar the ticket started under (Ticket.slaCalendarId): clocks run in its open hours. */
  calendar: BusinessCalendar;
  /** The targets the ticket keeps (Ticket.slaTargets), in business minutes per priority. */
  targets: SlaTargetsSnapshot;
  /** The ticket's priority now: a change of priority recomputes from the start with its targets. */
  priority: SlaPriority;
  createdAt: Date;
  /** TicketStatusChange rows, ascending; the first is the creation. */
  statusChanges: { at: Date; status: SlaTicketStatus }[];
  /** The first public reply by a technician (a note does not count), null while none. */
  firstRespondedAt: Date | null;
  now: Date;
};

/** One SLA clock of a ticket at `now`. */
export type SlaClock = {
  target: SlaTarget;
  /** The target, business minutes. */
  minutes: number;
  /** Business minutes the clock has counted, up to now or to when it was met. */
  elapsedMinutes: number;
  /** running: open and not met; paused: the ticket is Pending; met: replied (first response) or resolved. */
  state: "running" | "paused" | "met";
  /** The instant the clock counted its `minutes` (later than now while running and not yet breached). */
  breachedAt: Date | null;
  /** Running only: when it breaches if nothing happens (= breachedAt, past when already breached). */
  dueAt: Date | null;
  /** Running only: when it counts `warningPercent` of its minutes (may be past). */
  warnAt: Date | null;
  /** Met only: the reply or the resolution that met it. */
  metAt: Date | null;
};

/** An interval of the history in which the ticket was Open, [from, to). */
type OpenSpan = { from: Date; to: Date };

type Clock = {
  target: SlaTarget;
  minutes: number;
  warningPercent: number;
  /** Open spans up to when the clock stops counting (now, or when it was met). */
  spans: OpenSpan[];
  /** Whether the last span is still counting: the clock runs and would go on after now. */
  running: boolean;
  state: SlaClock["state"];
  metAt: Date | null;
};

/**
 * A ticket's two SLA clocks (first response, resolution) at `now`, derived from its history alone,
 * so the same input always gives the same answer (refreshTicketSla after each change and the
 * recompute after a calendar change share it). The rules are the ("SLAs on business hours"):
 * - a clock counts the calendar's open hours only, and only while the ticket is Open: Pending
 *   pauses both clocks, Resolved and Closed stop them;
 * - first response is met by the first public technician reply (`firstRespondedAt`), or by the
 *   ticket becoming Resolved or Closed before any reply;
 * - resolution is met by Resolved or Closed; reopening resumes it with the time already counted
 *   (met again by the next resolution);
 * - the minutes are the snapshot's for the ticket's current priority, counted from creation.
 * The history is sorted by time (stably: rows of one instant keep their order) and its instants
 * are clamped into [createdAt, now], as clocks of different servers may disagree a little; an
 * empty history means Open since creation. Throws RangeError when the calendar is unusable
 * (see business-time.ts).
 */
export function computeTicketSla(input: TicketSlaInput): { firstResponse: SlaClock; resolution: SlaClock } {
  const { calendar, targets, createdAt } = input;
  const now = new Date(Math.max(input.now.getTime(), createdAt.getTime()));
  const clamp = (at: Date) => new Date(Math.min(Math.max(at.getTime(), createdAt.getTime()), now.getTime()));
  const history = input.statusChanges
    .map((change, index) => ({ at: clamp(change.at), status: change.status, index }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.index - b.index);
  if (history.length === 0) history.push({ at: createdAt, status: "open", index: 0 });
  const current = history[history.length - 1]!.status;
  const stopped = current === "resolved" || current === "closed";

  // Open spans up to now; the last one ends at now when the ticket is Open (even if it just
  // opened: a running clock projects its due time from there).
  const spans: OpenSpan[] = [];
  history.forEach((change, index) => {
    if (change.status !== "open") return;
    const next = history[index + 1];
    if (!next) spans.push({ from: change.at, to: now });
    else if (next.at > change.at) spans.push({ from: change.at, to: next.at });
  });
  const firstStop = history.find((change) => change.status === "resolved" || change.status === "closed")?.at ?? null;
  const lastStop = stopped ? history[history.length - 1]!.at : null;

  const replied = input.firstRespondedAt ? clamp(input.firstRespondedAt) : null;
  const responseMetAt =
    replied && firstStop ? (replied < firstStop ? replied : firstStop) : (replied ?? firstStop ?? null);
  const minutes = targets.minutes[input.priority];
  const pausedOrRunning = current === "pending" ? "paused" : "running";

  const firstResponse: Clock = {
    target: "first_response",
    minutes: minutes.firstResponse,
    warningPercent: targets.warningPercent,
    spans: responseMetAt ? cut(spans, responseMetAt) : spans,
    running: !responseMetAt && current === "open",
    state: responseMetAt ? "met" : pausedOrRunning,
    metAt: responseMetAt,
  };
  const resolution: Clock = {
    target: "resolution",
    minutes: minutes.resolution,
    warningPercent: targets.warningPercent,
    spans,
    running: current === "open",
    state: stopped ? "met" : pausedOrRunning,
    metAt: lastStop,
  };
  return { firstResponse: settle(calendar, firstResponse), resolution: settle(calendar, resolution) };
}

/** The spans before `at`. */
function cut(spans: OpenSpan[], at: Date): OpenSpan[] {
  return spans.filter((span) => span.from < at).map((span) => ({ from: span.from, to: span.to < at ? span.to : at }));
}

/**
 * The instant a clock counts `threshold` business minutes: in the span where its count crosses
 * it, or, when it runs, projected after the start of its last span; null when it never does.
 */
function reaching(calendar: BusinessCalendar, clock: Clock, counted: number[], threshold: number): Date | null {
  let before = 0;
  for (const [index, span] of clock.spans.entries()) {
    const last = index === clock.spans.length - 1;
    if (before + counted[index]! >= threshold || (last && clock.running)) {
      return addBusinessMinutes(calendar, span.from, threshold - before);
    }
    before += counted[index]!;
  }
  return null;
}

function settle(calendar: BusinessCalendar, clock: Clock): SlaClock {
  const counted = clock.spans.map((span) => businessMinutesBetween(calendar, span.from, span.to));
  const elapsedMinutes = counted.reduce((sum, minutes) => sum + minutes, 0);
  const breachedAt = reaching(calendar, clock, counted, clock.minutes);
  const running = clock.state === "running";
  return {
    target: clock.target,
    minutes: clock.minutes,
    elapsedMinutes,
    state: clock.state,
    breachedAt,
    dueAt: running ? breachedAt : null,
    warnAt: running ? reaching(calendar, clock, counted, (clock.minutes * clock.warningPercent) / 100) : null,
    metAt: clock.state === "met" ? clock.metAt : null,
  };
}
