import { getPrisma } from "@helpline/db";
import { createCustomerRow, createTicketRow, unique } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { STANDARD_TARGETS } from "../testing/sla-fixtures.ts";
import { getTicketSla } from "./get-ticket-sla.ts";

// In the past, so a policy edited during the test is edited after the ticket took its targets.
const OPENED = new Date("2026-11-02T08:00:00Z");
const after = (minutes: number) => new Date(OPENED.getTime() + minutes * 60_000);
const ALWAYS_OPEN = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "24:00" }));

/**
 * A medium ticket (first response 240, resolution 960 business minutes; warning at 75 %) opened
 * at OPENED on a calendar open around the clock in UTC, under a policy, with its status history
 * (`[minutes after opening, status]`, after the first Open row) and first reply.
 */
async function slaTicket(options: { history?: [number, "open" | "pending" | "resolved"][]; repliedAfter?: number }) {
  const prisma = getPrisma();
  const calendar = await prisma.slaCalendar.create({
    data: { name: unique("Around the clock"), timeZone: "UTC", weeklyHours: ALWAYS_OPEN, holidays: [] },
  });
  const policy = await prisma.slaPolicy.create({
    data: { name: unique("Standard"), calendarId: calendar.id, targets: {}, warningPercent: 75 },
  });
  // The policy as it was when the ticket opened (edited a minute before).
  await prisma.slaPolicy.update({ where: { id: policy.id }, data: { updatedAt: after(-1) } });
  const created = await createTicketRow({ customerId: (await createCustomerRow()).id });
  const ticket = await prisma.ticket.update({
    where: { id: created.id },
    data: {
      createdAt: OPENED,
      slaPolicyId: policy.id,
      slaCalendarId: calendar.id,
      slaTargets: { ...STANDARD_TARGETS, policyName: "Standard", takenAt: OPENED.toISOString() },
      firstRespondedAt: options.repliedAfter === undefined ? null : after(options.repliedAfter),
      statusChanges: {
        create: [
          { status: "open", at: OPENED },
          ...(options.history ?? []).map(([minutes, status]) => ({ status, at: after(minutes) })),
        ],
      },
    },
  });
  return { ticket, policy };
}

describe("the ticket page's SLA panel", () => {
  it("follows a running first response from on track to due soon to breached, with the time left", async () => {
    const { ticket } = await slaTicket({});
    const at = async (minutes: number) => (await getTicketSla({ ticketId: ticket.id, now: after(minutes) }))!;

    const early = await at(100);
    expect(early).toMatchObject({ policyName: "Standard", asOf: null, timeZone: "UTC", warningPercent: 75 });
    expect(early.targets[0]).toEqual({
      target: "first_response",
      minutes: 240,
      state: "on_track",
      dueAt: after(240),
      metAt: null,
      late: false,
      minutesLeft: 140,
    });
    expect(early.targets[1]).toMatchObject({ target: "resolution", state: "on_track", dueAt: after(960) });
    expect((await at(200)).targets[0]).toMatchObject({ state: "due_soon", minutesLeft: 40 });
    expect((await at(250)).targets[0]).toMatchObject({ state: "breached", late: true, minutesLeft: -10 });
  });

  it("pauses both clocks while Pending and says when a target was met, late or not", async () => {
    const { ticket: pending } = await slaTicket({ history: [[60, "pending"]], repliedAfter: undefined });
    const paused = (await getTicketSla({ ticketId: pending.id, now: after(500) }))!;
    expect(paused.targets.map((target) => [target.state, target.dueAt, target.minutesLeft])).toEqual([
      ["paused", null, 180],
      ["paused", null, 900],
    ]);

    const { ticket: answered } = await slaTicket({ repliedAfter: 30, history: [[300, "resolved"]] });
    const done = (await getTicketSla({ ticketId: answered.id, now: after(400) }))!;
    expect(done.targets[0]).toMatchObject({ state: "met", metAt: after(30), late: false, minutesLeft: 0 });
    expect(done.targets[1]).toMatchObject({ state: "met", metAt: after(300), late: false });

    const { ticket: late } = await slaTicket({ repliedAfter: 250 });
    expect((await getTicketSla({ ticketId: late.id, now: after(260) }))!.targets[0]).toMatchObject({
      state: "met",
      metAt: after(250),
      late: true,
    });
  });

  it("says 'as of' the day it took its targets once the policy changed, and nothing without an SLA", async () => {
    const { ticket, policy } = await slaTicket({});
    await getPrisma().slaPolicy.update({ where: { id: policy.id }, data: { warningPercent: 80 } });
    expect(await getTicketSla({ ticketId: ticket.id, now: after(10) })).toMatchObject({
      policyName: "Standard",
      asOf: OPENED,
    });

    const plain = await createTicketRow({ customerId: (await createCustomerRow()).id });
    expect(await getTicketSla({ ticketId: plain.id })).toBeNull();
    await getPrisma().ticket.update({ where: { id: ticket.id }, data: { slaTargets: { policyName: "Broken" } } });
    expect(await getTicketSla({ ticketId: ticket.id })).toBeNull();
  });
});
