import { getPrisma } from "@helpline/db";
import { createTechnicianRow, unique } from "@helpline/db/testing";
import { expect, it } from "vitest";
import { slaScene } from "../testing/sla-scene.ts";
import { officeCalendar } from "../testing/sla-fixtures.ts";
import { createConsoleTicket } from "../tickets/create-console-ticket.ts";
import { updateTicket } from "../tickets/update-ticket.ts";
import { addBusinessMinutes } from "./business-time.ts";
import { queueCalendarRecompute } from "./queue-calendar-recompute.ts";
import { runSlaRecompute } from "./run-sla-recompute.ts";

const prisma = () => getPrisma();

it("a calendar's new hours reach its open tickets batch by batch; a second save starts over; the job goes when done", async () => {
  const { calendar, customer } = await slaScene();
  const actor = { id: (await createTechnicianRow()).id, role: "technician" as const };
  const ids: string[] = [];
  for (let index = 0; index < 5; index++) {
    const { number } = await createConsoleTicket({
      actor,
      input: { customerId: customer.id, title: `Ticket ${unique()}` },
      publicUrl: "https://help.example.test",
    });
    ids.push((await prisma().ticket.findUniqueOrThrow({ where: { number } })).id);
  }
  await updateTicket({ actor, input: { ticketId: ids[4]!, status: "closed" } });

  // The calendar's save: Monday–Friday 09:00–17:00 instead of around the clock.
  const office = officeCalendar("UTC");
  const saved = await prisma().$transaction(async (tx) => {
    await tx.slaCalendar.update({ where: { id: calendar.id }, data: { weeklyHours: office.weeklyHours } });
    return queueCalendarRecompute(tx, { calendarId: calendar.id });
  });
  expect(saved).toEqual({ total: 4 });
  const job = () => prisma().slaRecompute.findUnique({ where: { calendarId: calendar.id } });
  expect(await job()).toMatchObject({ afterTicketId: null, done: 0, total: 4 });

  // Other files' jobs may be queued before this one: run batches until this one has moved.
  const step = async () => {
    const before = await job();
    for (let pass = 0; pass < 50 && JSON.stringify(await job()) === JSON.stringify(before); pass++) {
      await runSlaRecompute({ now: new Date(), batchSize: 2 });
    }
    return job();
  };
  expect(await step()).toMatchObject({ done: 2, total: 4 });
  // Saved again meanwhile: the tickets already done used the older hours, so it starts over.
  await prisma().$transaction((tx) => queueCalendarRecompute(tx, { calendarId: calendar.id }));
  expect(await job()).toMatchObject({ afterTicketId: null, done: 0, total: 4 });
  expect(await step()).toMatchObject({ done: 2 });
  expect(await step()).toMatchObject({ done: 4 });
  expect(await step()).toBeNull();

  for (const id of ids.slice(0, 4)) {
    const ticket = await prisma().ticket.findUniqueOrThrow({ where: { id } });
    expect(ticket.firstResponseDueAt).toEqual(addBusinessMinutes(office, ticket.createdAt, 240));
    expect(ticket.resolutionDueAt).toEqual(addBusinessMinutes(office, ticket.createdAt, 960));
  }
});
