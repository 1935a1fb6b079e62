import { getPrisma } from "@helpline/db";
import { createCustomerRow, createTechnicianRow, createTicketRow } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { STANDARD_TARGETS } from "../testing/sla-fixtures.ts";
import { listTickets } from "./list-tickets.ts";
import { ZListTicketsInput } from "./ticket-input.ts";

const NOW = new Date("2026-12-01T10:00:00Z");
const minutes = (count: number) => new Date(NOW.getTime() + count * 60_000);

const technician = async () => {
  const row = await createTechnicianRow();
  return { id: row.id, role: "technician" as const, name: row.name };
};
const list = (actor: { id: string; role: "technician" }, input: Record<string, unknown>) =>
  listTickets({ actor, input: ZListTicketsInput.parse(input), now: NOW });
const numbers = (page: { tickets: { number: number }[] }) => page.tickets.map((ticket) => ticket.number);

/**
 * A ticket whose running target is due `due` minutes from NOW and warns `warn` minutes from NOW
 * (the columns the SLA engine writes, set directly here); null: no clock runs.
 */
async function ticketDue(
  customerId: string,
  clock: { due: number; warn: number } | null,
  options: { status?: "open" | "pending" | "resolved"; priority?: "low" | "high"; sla?: boolean } = {},
) {
  const ticket = await createTicketRow({ customerId, status: options.status, priority: options.priority });
  return getPrisma().ticket.update({
    where: { id: ticket.id },
    data: {
      slaTargets: options.sla === false ? undefined : STANDARD_TARGETS,
      slaDueAt: clock ? minutes(clock.due) : null,
      slaWarnAt: clock ? minutes(clock.warn) : null,
    },
  });
}

describe("the Tickets list's SLA filter and due-time sort", () => {
  it("filters by Breached, Due soon and On track on the running target at now, with the other filters", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    const breached = await ticketDue(customer.id, { due: -10, warn: -40 }, { priority: "high" });
    const justDue = await ticketDue(customer.id, { due: 0, warn: -30 });
    const dueSoon = await ticketDue(customer.id, { due: 20, warn: -5 });
    const warnsNow = await ticketDue(customer.id, { due: 30, warn: 0 });
    const onTrack = await ticketDue(customer.id, { due: 130, warn: 60 }, { priority: "high" });
    const paused = await ticketDue(customer.id, null, { status: "pending" });
    const noSla = await ticketDue(customer.id, null, { sla: false });
    const elsewhere = await ticketDue((await createCustomerRow()).id, { due: -60, warn: -90 });
    const mine = { customerId: customer.id, status: "all" };

    const sorted = (page: { tickets: { number: number }[] }) => numbers(page).sort((a, b) => a - b);
    const of = (...tickets: { number: number }[]) => tickets.map((ticket) => ticket.number).sort((a, b) => a - b);
    expect(sorted(await list(actor, { ...mine, sla: "breached" }))).toEqual(of(breached, justDue));
    expect(sorted(await list(actor, { ...mine, sla: "due_soon" }))).toEqual(of(dueSoon, warnsNow));
    expect(sorted(await list(actor, { ...mine, sla: "on_track" }))).toEqual(of(onTrack));
    // Combined with another filter, and with the default (Unresolved) statuses.
    expect(numbers(await list(actor, { ...mine, sla: "breached", priority: "high" }))).toEqual(of(breached));
    expect(sorted(await list(actor, { customerId: customer.id, sla: "breached" }))).toEqual(of(breached, justDue));
    expect(numbers(await list(actor, { sla: "breached", search: `#${elsewhere.number}` }))).toEqual([elsewhere.number]);

    const page = await list(actor, mine);
    const row = (id: string) => page.tickets.find((ticket) => ticket.id === id);
    expect(row(breached.id)).toMatchObject({ slaDueAt: minutes(-10), slaWarnAt: minutes(-40), hasSla: true });
    expect(row(paused.id)).toMatchObject({ slaDueAt: null, hasSla: true, status: "pending" });
    expect(row(noSla.id)).toMatchObject({ slaDueAt: null, hasSla: false });
    expect(row(breached.id)).not.toHaveProperty("slaTargets");
  });

  it("sorts by due time, soonest first and tickets without a clock last, and pages both ways by cursor", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    // 60 due tickets (pairs sharing a due time, so the id breaks ties) and 45 without a clock.
    const due = [];
    for (let index = 0; index < 60; index += 1)
      due.push(await ticketDue(customer.id, { due: Math.floor(index / 2) * 7 - 100, warn: -200 }));
    const undated = [];
    for (let index = 0; index < 45; index += 1)
      undated.push(await ticketDue(customer.id, null, { status: index % 2 ? "pending" : "open" }));
    const expected = [
      ...due.sort((a, b) => a.slaDueAt!.getTime() - b.slaDueAt!.getTime() || (a.id < b.id ? -1 : 1)),
      ...undated.sort((a, b) => (a.id < b.id ? -1 : 1)),
    ].map((ticket) => ticket.number);
    const view = { customerId: customer.id, sort: "due" };

    const first = await list(actor, view);
    expect(numbers(first)).toEqual(expected.slice(0, 50));
    expect(first.previousCursor).toBeNull();
    const second = await list(actor, { ...view, cursor: first.nextCursor });
    expect(numbers(second)).toEqual(expected.slice(50, 100));
    const third = await list(actor, { ...view, cursor: second.nextCursor });
    expect(numbers(third)).toEqual(expected.slice(100));
    expect(third.nextCursor).toBeNull();
    const backToSecond = await list(actor, { ...view, cursor: third.previousCursor });
    expect(numbers(backToSecond)).toEqual(expected.slice(50, 100));
    const backToFirst = await list(actor, { ...view, cursor: backToSecond.previousCursor });
    expect(numbers(backToFirst)).toEqual(expected.slice(0, 50));
    expect(backToFirst.previousCursor).toBeNull();

    // With an SLA filter only due tickets come, still soonest first.
    const breached = await list(actor, { ...view, sla: "breached" });
    expect(numbers(breached)).toEqual(due.filter((ticket) => ticket.slaDueAt! <= NOW).map((ticket) => ticket.number));
    // A latest-activity cursor is not a due-time one (and the other way round): first page again.
    const byUpdated = await list(actor, { customerId: customer.id });
    expect(numbers(await list(actor, { ...view, cursor: byUpdated.nextCursor }))).toEqual(numbers(first));
    expect(numbers(await list(actor, { customerId: customer.id, cursor: first.nextCursor }))).toEqual(
      numbers(byUpdated),
    );
  });
});
