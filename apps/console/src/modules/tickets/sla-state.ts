import type { TTicketStatus } from "@helpline/protocol";

/**
 * Where a ticket's running SLA target stands: `none` (no SLA, or its clocks stopped), `paused`
 * (Pending with an SLA: the clocks wait for the customer), `on_track`, `due_soon` (past the
 * warning time), `breached` (past the due time). The same boundaries as the Tickets list's SLA
 * filter (packages/core list-tickets.ts): due at or before now is breached.
 */
export type DueState = "none" | "paused" | "on_track" | "due_soon" | "breached";

export const DUE_STATE_LABEL: Record<Exclude<DueState, "none">, string> = {
  paused: "Paused",
  on_track: "On track",
  due_soon: "Due soon",
  breached: "Breached",
};

// Text colours: amber past the warning, red when breached (the state is always written too).
export const DUE_STATE_TONE: Record<DueState, string> = {
  none: "text-slate-400",
  paused: "text-slate-500",
  on_track: "text-slate-700",
  due_soon: "text-amber-700",
  breached: "text-red-700",
};

/** The state of `ticket`'s running target at `now`, from the columns the list reads. */
export function dueState(
  ticket: { status: TTicketStatus; hasSla: boolean; slaDueAt: Date | string | null; slaWarnAt: Date | string | null },
  now: Date,
): DueState {
  if (ticket.status === "pending" && ticket.hasSla) return "paused";
  if (!ticket.slaDueAt) return "none";
  if (new Date(ticket.slaDueAt) <= now) return "breached";
  return ticket.slaWarnAt && new Date(ticket.slaWarnAt) <= now ? "due_soon" : "on_track";
}
