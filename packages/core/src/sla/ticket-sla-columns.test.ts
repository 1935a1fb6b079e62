import { describe, expect, it } from "vitest";
import type { SlaTicketStatus } from "./compute-ticket-sla.ts";
import { officeCalendar, STANDARD_TARGETS } from "../testing/sla-fixtures.ts";
import { ticketSlaColumns, type SentSlaAlert } from "./ticket-sla-columns.ts";

// Monday–Friday 09:00–17:00 UTC (1 December 2026 is a Tuesday); High: first response 120 min,
// resolution 480, warning at 75 %.
const office = officeCalendar();
const targets = STANDARD_TARGETS;
const at = (iso: string) => new Date(iso);
const created = at("2026-12-01T10:00:00Z");

function columns(
  now: string,
  changes: [string, SlaTicketStatus][] = [],
  options: { alertsSent?: SentSlaAlert[]; firstRespondedAt?: string } = {},
) {
  return ticketSlaColumns({
    calendar: office,
    targets,
    priority: "high",
    createdAt: created,
    statusChanges: [{ at: created, status: "open" }, ...changes.map(([when, status]) => ({ at: at(when), status }))],
    firstRespondedAt: options.firstRespondedAt ? at(options.firstRespondedAt) : null,
    now: at(now),
    alertsSent: options.alertsSent ?? [],
  });
}

describe("ticketSlaColumns", () => {
  it("shows the first response as the running target until it is met, and owes its warning first", () => {
    expect(columns("2026-12-01T11:00:00Z")).toEqual({
      firstResponseDueAt: at("2026-12-01T12:00:00Z"),
      resolutionDueAt: at("2026-12-02T10:00:00Z"),
      firstResponseBreachedAt: null,
      resolutionBreachedAt: null,
      resolvedAt: null,
      slaDueAt: at("2026-12-01T12:00:00Z"),
      slaWarnAt: at("2026-12-01T11:30:00Z"),
      slaAlertAt: at("2026-12-01T11:30:00Z"),
    });
  });

  it("owes the next alert not yet sent, and an overdue one now", () => {
    const warned = columns("2026-12-01T11:40:00Z", [], { alertsSent: [{ target: "first_response", kind: "warning" }] });
    expect(warned.slaAlertAt).toEqual(at("2026-12-01T12:00:00Z"));
    // Missed while the scheduler was down: due at once.
    expect(columns("2026-12-01T11:40:00Z").slaAlertAt).toEqual(at("2026-12-01T11:40:00Z"));
    // Both first-response alerts sent: the resolution's warning at Tuesday 16:00 is next.
    const both: SentSlaAlert[] = [
      { target: "first_response", kind: "warning" },
      { target: "first_response", kind: "breach" },
    ];
    const breached = columns("2026-12-01T13:00:00Z", [], { alertsSent: both });
    expect(breached.slaAlertAt).toEqual(at("2026-12-01T16:00:00Z"));
    expect(breached.firstResponseBreachedAt).toEqual(at("2026-12-01T12:00:00Z"));
    expect(breached.slaDueAt).toEqual(at("2026-12-01T12:00:00Z"));
  });

  it("switches to the resolution once the first response is met", () => {
    const replied = columns("2026-12-01T11:00:00Z", [], { firstRespondedAt: "2026-12-01T10:30:00Z" });
    expect(replied).toMatchObject({
      firstResponseDueAt: null,
      firstResponseBreachedAt: null,
      slaDueAt: at("2026-12-02T10:00:00Z"),
      slaWarnAt: at("2026-12-01T16:00:00Z"),
      slaAlertAt: at("2026-12-01T16:00:00Z"),
    });
  });

  it("runs no clock and owes no alert while Pending, but keeps a past breach", () => {
    const pending = columns("2026-12-02T09:00:00Z", [["2026-12-01T12:30:00Z", "pending"]]);
    expect(pending).toEqual({
      firstResponseDueAt: null,
      resolutionDueAt: null,
      firstResponseBreachedAt: at("2026-12-01T12:00:00Z"),
      resolutionBreachedAt: null,
      resolvedAt: null,
      slaDueAt: null,
      slaWarnAt: null,
      slaAlertAt: null,
    });
  });

  it("records when the ticket was resolved, and forgets it when it is reopened", () => {
    const resolved = columns("2026-12-03T12:00:00Z", [
      ["2026-12-01T11:00:00Z", "resolved"],
      ["2026-12-01T11:30:00Z", "closed"],
    ]);
    expect(resolved).toMatchObject({ resolvedAt: at("2026-12-01T11:30:00Z"), slaDueAt: null, slaAlertAt: null });
    const reopened = columns("2026-12-03T12:00:00Z", [
      ["2026-12-01T11:00:00Z", "resolved"],
      ["2026-12-03T09:00:00Z", "open"],
    ]);
    // 60 minutes before the resolution: 420 left from Thursday 09:00, the warning (360) 300 after it.
    expect(reopened).toMatchObject({
      resolvedAt: null,
      resolutionDueAt: at("2026-12-03T16:00:00Z"),
      slaDueAt: at("2026-12-03T16:00:00Z"),
      slaWarnAt: at("2026-12-03T14:00:00Z"),
      slaAlertAt: at("2026-12-03T14:00:00Z"),
    });
  });
});
