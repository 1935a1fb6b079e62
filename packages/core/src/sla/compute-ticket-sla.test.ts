import { describe, expect, it } from "vitest";
import { computeTicketSla, type SlaTicketStatus, type TicketSlaInput } from "./compute-ticket-sla.ts";
import { officeCalendar, STANDARD_TARGETS } from "../testing/sla-fixtures.ts";
import type { BusinessCalendar } from "./sla-types.ts";

// Monday–Friday 09:00–17:00 UTC (1 December 2026 is a Tuesday); High: first response 120 min,
// resolution 480, warning at 75 %.
const office = officeCalendar();
const targets = STANDARD_TARGETS;
const at = (iso: string) => new Date(iso);
const created = at("2026-12-01T10:00:00Z");

function ticket(
  now: string,
  changes: [string, SlaTicketStatus][] = [],
  overrides: Partial<TicketSlaInput> = {},
): TicketSlaInput {
  return {
    calendar: office,
    targets,
    priority: "high",
    createdAt: created,
    statusChanges: [{ at: created, status: "open" }, ...changes.map(([when, status]) => ({ at: at(when), status }))],
    firstRespondedAt: null,
    now: at(now),
    ...overrides,
  };
}

describe("computeTicketSla", () => {
  it("runs both clocks on open hours while the ticket is Open", () => {
    const { firstResponse, resolution } = computeTicketSla(ticket("2026-12-01T11:00:00Z"));
    expect(firstResponse).toEqual({
      target: "first_response",
      minutes: 120,
      elapsedMinutes: 60,
      state: "running",
      breachedAt: at("2026-12-01T12:00:00Z"),
      dueAt: at("2026-12-01T12:00:00Z"),
      warnAt: at("2026-12-01T11:30:00Z"),
      metAt: null,
    });
    // 480 minutes: 420 on Tuesday (10:00–17:00), 60 on Wednesday.
    expect(resolution).toEqual({
      target: "resolution",
      minutes: 480,
      elapsedMinutes: 60,
      state: "running",
      breachedAt: at("2026-12-02T10:00:00Z"),
      dueAt: at("2026-12-02T10:00:00Z"),
      warnAt: at("2026-12-01T16:00:00Z"),
      metAt: null,
    });
  });

  it("counts from the opening when the ticket arrives in closed hours", () => {
    const saturday = at("2026-12-05T10:00:00Z");
    const { firstResponse } = computeTicketSla({
      ...ticket("2026-12-05T12:00:00Z"),
      createdAt: saturday,
      statusChanges: [{ at: saturday, status: "open" }],
    });
    expect(firstResponse.elapsedMinutes).toBe(0);
    expect(firstResponse.dueAt).toEqual(at("2026-12-07T11:00:00Z"));
    expect(firstResponse.warnAt).toEqual(at("2026-12-07T10:30:00Z"));
  });

  it("keeps running past the target, breached", () => {
    const { firstResponse } = computeTicketSla(ticket("2026-12-01T13:00:00Z"));
    expect(firstResponse.state).toBe("running");
    expect(firstResponse.elapsedMinutes).toBe(180);
    expect(firstResponse.breachedAt).toEqual(at("2026-12-01T12:00:00Z"));
    expect(firstResponse.dueAt).toEqual(at("2026-12-01T12:00:00Z"));
  });

  it("pauses both clocks while Pending and resumes where they stopped", () => {
    const waiting = computeTicketSla(ticket("2026-12-01T15:00:00Z", [["2026-12-01T11:00:00Z", "pending"]]));
    for (const clock of [waiting.firstResponse, waiting.resolution]) {
      expect(clock).toMatchObject({ state: "paused", elapsedMinutes: 60, breachedAt: null, dueAt: null, warnAt: null });
    }
    const back = computeTicketSla(
      ticket("2026-12-02T10:30:00Z", [
        ["2026-12-01T11:00:00Z", "pending"],
        ["2026-12-02T10:00:00Z", "open"],
      ]),
    );
    // 60 minutes before the pause, 30 after: the remaining 60 run from Wednesday 10:00.
    expect(back.firstResponse).toMatchObject({
      state: "running",
      elapsedMinutes: 90,
      dueAt: at("2026-12-02T11:00:00Z"),
      warnAt: at("2026-12-02T10:30:00Z"),
    });
    expect(back.resolution).toMatchObject({ elapsedMinutes: 90, dueAt: at("2026-12-02T17:00:00Z") });
  });

  it("keeps a breach that happened before a pause", () => {
    const { firstResponse } = computeTicketSla(ticket("2026-12-02T12:00:00Z", [["2026-12-01T13:00:00Z", "pending"]]));
    expect(firstResponse).toMatchObject({
      state: "paused",
      elapsedMinutes: 180,
      breachedAt: at("2026-12-01T12:00:00Z"),
    });
  });

  it("meets the first response with the first public reply, in time or late", () => {
    const inTime = computeTicketSla(
      ticket("2026-12-01T12:00:00Z", [["2026-12-01T10:45:00Z", "pending"]], {
        firstRespondedAt: at("2026-12-01T10:45:00Z"),
      }),
    );
    expect(inTime.firstResponse).toEqual({
      target: "first_response",
      minutes: 120,
      elapsedMinutes: 45,
      state: "met",
      breachedAt: null,
      dueAt: null,
      warnAt: null,
      metAt: at("2026-12-01T10:45:00Z"),
    });
    expect(inTime.resolution).toMatchObject({ state: "paused", elapsedMinutes: 45 });

    const late = computeTicketSla(ticket("2026-12-01T14:00:00Z", [], { firstRespondedAt: at("2026-12-01T13:00:00Z") }));
    expect(late.firstResponse).toMatchObject({
      state: "met",
      elapsedMinutes: 180,
      breachedAt: at("2026-12-01T12:00:00Z"),
      metAt: at("2026-12-01T13:00:00Z"),
    });
    // The reply does not pause resolution: the ticket stayed Open.
    expect(late.resolution).toMatchObject({ state: "running", elapsedMinutes: 240 });
  });

  it("meets both clocks when the ticket is resolved without a reply", () => {
    const { firstResponse, resolution } = computeTicketSla(
      ticket("2026-12-01T16:00:00Z", [["2026-12-01T10:30:00Z", "resolved"]]),
    );
    expect(firstResponse).toMatchObject({ state: "met", elapsedMinutes: 30, metAt: at("2026-12-01T10:30:00Z") });
    expect(resolution).toMatchObject({
      state: "met",
      elapsedMinutes: 30,
      metAt: at("2026-12-01T10:30:00Z"),
      breachedAt: null,
      dueAt: null,
    });
  });

  it("resumes resolution with the time already spent when the ticket is reopened", () => {
    const changes: [string, SlaTicketStatus][] = [
      ["2026-12-01T12:00:00Z", "resolved"],
      ["2026-12-02T09:00:00Z", "open"],
    ];
    const reopened = computeTicketSla(ticket("2026-12-02T10:00:00Z", changes));
    // 120 minutes before the resolution, so 360 left from Wednesday 09:00 (warning at 360 of 480).
    expect(reopened.resolution).toMatchObject({
      state: "running",
      elapsedMinutes: 180,
      dueAt: at("2026-12-02T15:00:00Z"),
      warnAt: at("2026-12-02T13:00:00Z"),
    });
    // The first resolution met the first response; a reopen does not undo it.
    expect(reopened.firstResponse).toMatchObject({ state: "met", metAt: at("2026-12-01T12:00:00Z") });

    const closedAgain = computeTicketSla(
      ticket("2026-12-02T15:00:00Z", [...changes, ["2026-12-02T11:00:00Z", "closed"]]),
    );
    expect(closedAgain.resolution).toMatchObject({
      state: "met",
      elapsedMinutes: 240,
      metAt: at("2026-12-02T11:00:00Z"),
    });
  });

  it("recomputes from the start with the new priority's targets", () => {
    const history: [string, SlaTicketStatus][] = [
      ["2026-12-01T10:30:00Z", "pending"],
      ["2026-12-01T11:00:00Z", "open"],
    ];
    const high = computeTicketSla(ticket("2026-12-01T11:15:00Z", history));
    const critical = computeTicketSla(ticket("2026-12-01T11:15:00Z", history, { priority: "critical" }));
    expect(high.firstResponse).toMatchObject({ minutes: 120, elapsedMinutes: 45, dueAt: at("2026-12-01T12:30:00Z") });
    // 60 minutes: 30 before the pause, 30 from 11:00; warned at 45.
    expect(critical.firstResponse).toMatchObject({
      minutes: 60,
      elapsedMinutes: 45,
      dueAt: at("2026-12-01T11:30:00Z"),
      warnAt: at("2026-12-01T11:15:00Z"),
    });
    expect(critical.resolution).toMatchObject({ minutes: 240, dueAt: at("2026-12-01T14:30:00Z") });
  });

  it("orders a history written by clocks that disagree, and clamps it to creation and now", () => {
    const skewed = computeTicketSla({
      ...ticket("2026-12-01T12:00:00Z"),
      statusChanges: [
        { at: at("2026-12-01T09:59:58Z"), status: "open" },
        { at: at("2026-12-01T11:00:00Z"), status: "resolved" },
        { at: at("2026-12-01T10:30:00Z"), status: "pending" },
        // Same instant as the resolution, written after it: it wins.
        { at: at("2026-12-01T11:00:00Z"), status: "open" },
        // Ahead of now: taken as now.
        { at: at("2026-12-01T12:00:05Z"), status: "pending" },
      ],
    });
    // Open 10:00–10:30, pending, resolved at 11:00 and reopened at once, open 11:00–12:00, pending now.
    expect(skewed.resolution).toMatchObject({ state: "paused", elapsedMinutes: 90 });
    expect(skewed.firstResponse).toMatchObject({ state: "met", elapsedMinutes: 30, metAt: at("2026-12-01T11:00:00Z") });
  });

  it("treats an empty history as Open since creation, and gives the same answer every time", () => {
    const input = { ...ticket("2026-12-01T11:00:00Z"), statusChanges: [] };
    const first = computeTicketSla(input);
    expect(first.firstResponse.dueAt).toEqual(at("2026-12-01T12:00:00Z"));
    expect(computeTicketSla({ ...input, calendar: structuredClone(office) })).toEqual(first);
  });

  it("projects a due time for a ticket opened this very instant", () => {
    const { firstResponse } = computeTicketSla(ticket("2026-12-01T10:00:00Z"));
    expect(firstResponse).toMatchObject({ state: "running", elapsedMinutes: 0, dueAt: at("2026-12-01T12:00:00Z") });
  });

  it("counts in the calendar's zone across a daylight-saving weekend", () => {
    const paris: BusinessCalendar = { ...office, timeZone: "Europe/Paris" };
    // Friday 27 March 2026 16:00 CET; the clocks go forward on Sunday; due Monday 10:00 CEST.
    const friday = at("2026-03-27T15:00:00Z");
    const { firstResponse } = computeTicketSla({
      ...ticket("2026-03-27T15:30:00Z"),
      calendar: paris,
      createdAt: friday,
      statusChanges: [{ at: friday, status: "open" }],
    });
    expect(firstResponse.dueAt).toEqual(at("2026-03-30T08:00:00Z"));
    expect(firstResponse.warnAt).toEqual(at("2026-03-30T07:30:00Z"));
  });
});
