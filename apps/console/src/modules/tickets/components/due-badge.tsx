"use client";
import type { TTicketStatus } from "@helpline/protocol";
import { useEffect, useState } from "react";
import { useTimeZone } from "@/components/ui/zoned-time";
import { formatDateTime, formatDueIn } from "@/lib/format";
import { DUE_STATE_LABEL, DUE_STATE_TONE, dueState } from "../sla-state";

// Relative times and states move on by themselves between the list's refreshes (which re-render
// only when the data changed); every 10 s, so even a short warning window is seen.
function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * A ticket's Due cell: the running target's due time relative to now ("in 2 h 10 min"), "Due soon"
 * in amber past the warning time, "Breached" in red past the due time, "Paused" while Pending, and
 * a dash named "No due time" without a running clock. The exact due time, in the MSP's zone, is
 * the tooltip.
 */
export function DueBadge({
  ticket,
}: {
  ticket: { status: TTicketStatus; hasSla: boolean; slaDueAt: Date | null; slaWarnAt: Date | null };
}) {
  const timeZone = useTimeZone();
  const now = useNow(10_000);
  const state = dueState(ticket, now);
  if (state === "none")
    return (
      <span className={DUE_STATE_TONE.none} title="No SLA clock is running">
        <span aria-hidden="true">—</span>
        <span className="sr-only">No due time</span>
      </span>
    );
  if (state === "paused" || !ticket.slaDueAt)
    return (
      <span className={DUE_STATE_TONE.paused} title="The SLA clocks wait while the ticket is Pending">
        {DUE_STATE_LABEL.paused}
      </span>
    );
  const when = formatDueIn(ticket.slaDueAt, now);
  return (
    <time
      dateTime={new Date(ticket.slaDueAt).toISOString()}
      title={`Due ${formatDateTime(ticket.slaDueAt, timeZone)}`}
      className={`flex flex-col leading-tight ${DUE_STATE_TONE[state]}`}
    >
      {state === "on_track" ? null : <span className="text-xs font-semibold">{DUE_STATE_LABEL[state]}</span>}
      {/* The server rendered it a moment earlier: a minute may have turned since. */}
      <span suppressHydrationWarning>{when}</span>
    </time>
  );
}
