import { randomUUID } from "node:crypto";
import { getPrisma, type TicketPriority, type TicketStatus } from "@helpline/db";
import { createCustomerRow, createTechnicianRow, createTicketRow, unique } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { officeCalendar, STANDARD_TARGETS } from "../testing/sla-fixtures.ts";
import { updateTicket } from "../tickets/update-ticket.ts";
import { recomputeCalendarTickets } from "./recompute-calendar-tickets.ts";

// Monday–Friday 09:00–17:00 UTC; High: first response 120 min, resolution 480, warning at 75 %.
// Tuesday 1 December 2082 (a weekday calendar like 2026's): far ahead of the real time, so the
// SLA scheduler of another test file running at once never finds these tickets' alerts due.
const at = (iso: string) => new Date(iso);
const created = at("2082-12-01T10:00:00Z");
const now = at("2082-12-01T11:00:00Z");

async function createCalendar() {
  const { weeklyHours, holidays, timeZone } = officeCalendar();
  return getPrisma().slaCalendar.create({ data: { name: unique("calendar"), timeZone, weeklyHours, holidays } });
}

/** A ticket on `calendarId` created at `created`, with its status history and (unless null) the Standard snapshot. */
async function createSlaTicket(options: {
  customerId: string;
  calendarId: string;
  history?: [string, TicketStatus][];
  priority?: TicketPriority;
  snapshot?: boolean;
  createdAt?: Date;
}) {
  const createdAt = options.createdAt ?? created;
  const history = options.history ?? [];
  const status = history.at(-1)?.[1] ?? "open";
  const ticket = await createTicketRow({
    customerId: options.customerId,
    priority: options.priority ?? "high",
    status,
  });
  await getPrisma().ticket.update({
    where: { id: ticket.id },
    data: {
      createdAt,
      slaCalendarId: options.calendarId,
      ...(options.snapshot === false ? {} : { slaTargets: STANDARD_TARGETS }),
    },
  });
  await getPrisma().ticketStatusChange.createMany({
    data: [
      { ticketId: ticket.id, status: "open", at: createdAt },
      ...history.map(([when, changed]) => ({ ticketId: ticket.id, status: changed, at: at(when) })),
    ],
  });
  return ticket;
}

const slaColumns = (id: string) =>
  getPrisma().ticket.findUniqueOrThrow({
    where: { id },
    select: {
      firstResponseDueAt: true,
      resolutionDueAt: true,
      firstResponseBreachedAt: true,
      resolutionBreachedAt: true,
      resolvedAt: true,
      slaDueAt: true,
      slaWarnAt: true,
      slaAlertAt: true,
    },
  });

async function recomputeAll(calendarId: string, batchSize: number, when: Date) {
  const batches: number[] = [];
  let afterTicketId: string | null = null;
  for (;;) {
    const batch = await getPrisma().$transaction((tx) =>
      recomputeCalendarTickets(tx, { calendarId, afterTicketId, batchSize, now: when }),
    );
    batches.push(batch.processed);
    afterTicketId = batch.lastTicketId;
    if (batch.done) return batches;
  }
}

describe("recomputeCalendarTickets", () => {
  it("rewrites the SLA columns of a calendar's tickets that are not closed, batch by batch", async () => {
    const customer = await createCustomerRow();
    const calendar = await createCalendar();
    const other = await createCalendar();
    const open = await createSlaTicket({ customerId: customer.id, calendarId: calendar.id });
    const pending = await createSlaTicket({
      customerId: customer.id,
      calendarId: calendar.id,
      history: [["2082-12-01T10:30:00Z", "pending"]],
    });
    const resolved = await createSlaTicket({
      customerId: customer.id,
      calendarId: calendar.id,
      history: [["2082-12-01T10:45:00Z", "resolved"]],
    });
    const closed = await createSlaTicket({
      customerId: customer.id,
      calendarId: calendar.id,
      history: [["2082-12-01T10:45:00Z", "closed"]],
    });
    const withoutSla = await createSlaTicket({ customerId: customer.id, calendarId: calendar.id, snapshot: false });
    const elsewhere = await createSlaTicket({ customerId: customer.id, calendarId: other.id });
    await getPrisma().slaAlert.create({ data: { ticketId: open.id, target: "first_response", kind: "warning" } });

    // Four tickets not closed (one without a snapshot), two per batch: a full batch may not be the
    // last, so a third finds none.
    expect(await recomputeAll(calendar.id, 2, now)).toEqual([2, 2, 0]);
    expect(await slaColumns(open.id)).toEqual({
      firstResponseDueAt: at("2082-12-01T12:00:00Z"),
      resolutionDueAt: at("2082-12-02T10:00:00Z"),
      firstResponseBreachedAt: null,
      resolutionBreachedAt: null,
      resolvedAt: null,
      slaDueAt: at("2082-12-01T12:00:00Z"),
      slaWarnAt: at("2082-12-01T11:30:00Z"),
      // Its first-response warning went out already: the breach is next.
      slaAlertAt: at("2082-12-01T12:00:00Z"),
    });
    expect(await slaColumns(pending.id)).toMatchObject({ slaDueAt: null, firstResponseDueAt: null, slaAlertAt: null });
    expect(await slaColumns(resolved.id)).toMatchObject({ resolvedAt: at("2082-12-01T10:45:00Z"), slaDueAt: null });
    for (const untouched of [closed, withoutSla, elsewhere]) {
      expect(await slaColumns(untouched.id)).toMatchObject({ slaDueAt: null, resolvedAt: null, slaAlertAt: null });
    }

    // New hours, 13:00–17:00: the open ticket's clock started at 13:00, due at 15:00. The pending
    // one (paused, nothing due, nothing breached) keeps its columns: its row is not rewritten.
    const rowVersion = async (id: string) =>
      (
        await getPrisma().$queryRaw<
          { version: string }[]
        >`SELECT xmin::text AS version FROM "Ticket" WHERE id = ${id}::uuid`
      )[0]!.version;
    const [openBefore, pendingBefore] = [await rowVersion(open.id), await rowVersion(pending.id)];
    await getPrisma().slaCalendar.update({
      where: { id: calendar.id },
      data: { weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: "13:00", end: "17:00" })) },
    });
    expect(await recomputeAll(calendar.id, 1000, now)).toEqual([4]);
    expect(await slaColumns(open.id)).toMatchObject({
      firstResponseDueAt: at("2082-12-01T15:00:00Z"),
      slaWarnAt: at("2082-12-01T14:30:00Z"),
      slaAlertAt: at("2082-12-01T15:00:00Z"),
    });
    expect(await rowVersion(open.id)).not.toBe(openBefore);
    expect(await rowVersion(pending.id)).toBe(pendingBefore);
  });

  it("stores a breach once it is past and owes overdue alerts now", async () => {
    const customer = await createCustomerRow();
    const calendar = await createCalendar();
    const ticket = await createSlaTicket({ customerId: customer.id, calendarId: calendar.id, priority: "critical" });
    const later = at("2082-12-01T11:30:00Z");
    expect(await recomputeAll(calendar.id, 10, later)).toEqual([1]);
    expect(await slaColumns(ticket.id)).toMatchObject({
      firstResponseDueAt: at("2082-12-01T11:00:00Z"),
      firstResponseBreachedAt: at("2082-12-01T11:00:00Z"),
      resolutionBreachedAt: null,
      slaAlertAt: later,
    });
  });

  it("clears the columns of a ticket whose snapshot cannot be read", async () => {
    const customer = await createCustomerRow();
    const calendar = await createCalendar();
    const ticket = await createSlaTicket({ customerId: customer.id, calendarId: calendar.id });
    await getPrisma().ticket.update({
      where: { id: ticket.id },
      data: { slaTargets: { written: "by hand" }, slaDueAt: now, slaAlertAt: now },
    });
    expect(await recomputeAll(calendar.id, 10, now)).toEqual([1]);
    expect(await slaColumns(ticket.id)).toMatchObject({ slaDueAt: null, slaAlertAt: null });
  });

  it("clears the columns of tickets on a calendar written by hand without open time, and finishes", async () => {
    const customer = await createCustomerRow();
    const calendar = await createCalendar();
    const ticket = await createSlaTicket({ customerId: customer.id, calendarId: calendar.id });
    expect(await recomputeAll(calendar.id, 10, now)).toEqual([1]);
    expect(await slaColumns(ticket.id)).toMatchObject({ slaDueAt: at("2082-12-01T12:00:00Z") });
    await getPrisma().slaCalendar.update({ where: { id: calendar.id }, data: { weeklyHours: [] } });
    expect(await recomputeAll(calendar.id, 10, now)).toEqual([1]);
    expect(await slaColumns(ticket.id)).toMatchObject({ slaDueAt: null, firstResponseDueAt: null, slaAlertAt: null });
  });

  it("has nothing to do for a calendar that is gone", async () => {
    const afterTicketId = randomUUID();
    const batch = await getPrisma().$transaction((tx) =>
      recomputeCalendarTickets(tx, { calendarId: randomUUID(), afterTicketId, now }),
    );
    expect(batch).toEqual({ processed: 0, lastTicketId: afterTicketId, done: true });
  });

  it("never writes over a status change made while its batch is computed", async () => {
    // On PostgreSQL the changes run at once with the batch: without the batch's row locks, one
    // committed between its read and its write would be overwritten by columns of the old history.
    const customer = await createCustomerRow();
    const calendar = await createCalendar();
    const technician = await createTechnicianRow();
    const opened = new Date(Date.now() - 60 * 60_000);
    const tickets = await Promise.all(
      Array.from({ length: 40 }, () =>
        createSlaTicket({ customerId: customer.id, calendarId: calendar.id, createdAt: opened }),
      ),
    );
    await Promise.all([
      getPrisma().$transaction((tx) =>
        recomputeCalendarTickets(tx, { calendarId: calendar.id, afterTicketId: null, now: new Date() }),
      ),
      ...tickets.map((ticket) =>
        updateTicket({
          actor: { id: technician.id, role: "technician" },
          input: { ticketId: ticket.id, status: "pending" },
        }),
      ),
    ]);
    for (const ticket of tickets) {
      // Pending: no clock runs, nothing is due.
      expect(await slaColumns(ticket.id)).toMatchObject({ slaDueAt: null, firstResponseDueAt: null, slaAlertAt: null });
    }
  });
});
