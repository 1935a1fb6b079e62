"use client";
import type { getTicketSla } from "@helpline/core";
import { useTimeZone } from "@/components/ui/zoned-time";
import { formatDate, formatDateTime, formatDueIn, formatMinutes } from "@/lib/format";
import { DUE_STATE_LABEL, DUE_STATE_TONE } from "../sla-state";

type TicketSla = NonNullable<Awaited<ReturnType<typeof getTicketSla>>>;
type Target = TicketSla["targets"][number];

const TARGET_LABEL: Record<Target["target"], string> = {
  first_response: "First response",
  resolution: "Resolution",
};

// Wall-clock time past a due time; under a minute reads as such, not "0 min".
const overdue = (minutes: number) =>
  minutes < 1 ? "Overdue by under a minute" : `Overdue by ${formatMinutes(minutes, { days: true })}`;

const business = (minutes: number) => `${formatMinutes(minutes, { days: false })} of business time`;

function TargetState({ target, now }: { target: Target; now: Date }) {
  const timeZone = useTimeZone();
  const id = `sla-${target.target}`;
  const state =
    target.state === "met"
      ? `Met at ${formatDateTime(target.metAt!, timeZone)}${target.late ? ", late" : ""}`
      : DUE_STATE_LABEL[target.state];
  const tone =
    target.state === "met" ? (target.late ? "text-red-700" : "text-emerald-700") : DUE_STATE_TONE[target.state];
  const left =
    target.state === "met"
      ? null
      : target.state === "paused"
        ? target.minutesLeft >= 0
          ? `${business(target.minutesLeft)} left`
          : `Overdue by ${business(target.minutesLeft)}`
        : target.dueAt && target.state === "breached"
          ? overdue((now.getTime() - new Date(target.dueAt).getTime()) / 60_000)
          : target.dueAt
            ? `Due ${formatDueIn(target.dueAt, now)}`
            : null;
  return (
    <div role="group" aria-labelledby={id} className="space-y-0.5 text-sm">
      <div className="flex items-baseline justify-between gap-2">
        <h3 id={id} className="font-medium text-slate-900">
          {TARGET_LABEL[target.target]}
        </h3>
        <span className={`text-right text-xs font-semibold ${tone}`}>{state}</span>
      </div>
      <p className="text-slate-600">Target {business(target.minutes)}</p>
      {target.dueAt ? (
        <p className="text-slate-600">
          Due <time dateTime={new Date(target.dueAt).toISOString()}>{formatDateTime(target.dueAt, timeZone)}</time>
        </p>
      ) : null}
      {left ? <p className={tone}>{left}</p> : null}
      {target.state === "paused" ? (
        <p className="text-xs text-slate-500">The clock waits while the ticket is Pending.</p>
      ) : null}
    </div>
  );
}

/**
 * The ticket page's SLA card: the policy the ticket's targets come from ("Standard, as of 1 Dec
 * 2026" when the policy changed since), and per target (First response, Resolution) its length in
 * business time, due time in the MSP's zone, state and time left or overdue. `sla` null: no SLA.
 */
export function TicketSlaPanel({ sla, now }: { sla: TicketSla | null; now: Date }) {
  const timeZone = useTimeZone();
  if (!sla)
    return (
      <p className="text-sm text-slate-500">
        No SLA applies to this ticket: no policy was set for its customer or as the default when it opened.
      </p>
    );
  const asOf = sla.asOf ? formatDate(sla.asOf, timeZone) : null;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        <span className="font-medium text-slate-900">
          {sla.policyName}
          {asOf ? `, as of ${asOf}` : ""}
        </span>
        <span className="block text-xs text-slate-500">
          {asOf ? "The policy changed since; this ticket keeps the targets it opened with. " : ""}
          Calendar: {sla.calendarName}
        </span>
      </p>
      {sla.targets.map((target) => (
        <TargetState key={target.target} target={target} now={now} />
      ))}
    </div>
  );
}
