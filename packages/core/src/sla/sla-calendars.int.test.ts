import { getPrisma } from "@helpline/db";
import { createCustomerRow, createTechnicianRow, createTicketRow, unique } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { calendarInput, policyInput, slaAdmin } from "../testing/sla-settings-fixtures.ts";
import { createSlaCalendar } from "./create-sla-calendar.ts";
import { createSlaPolicy } from "./create-sla-policy.ts";
import { deleteSlaCalendar } from "./delete-sla-calendar.ts";
import { deleteSlaPolicy } from "./delete-sla-policy.ts";
import { getSlaCalendar } from "./get-sla-calendar.ts";
import { listSlaCalendars } from "./list-sla-calendars.ts";
import { ZSlaCalendarInput } from "./sla-input.ts";
import { updateSlaCalendar } from "./update-sla-calendar.ts";

const prisma = () => getPrisma();

describe("SLA calendars", () => {
  it("an admin creates a calendar with two ranges a day and a holiday; technicians read it back", async () => {
    const actor = await slaAdmin();
    const input = calendarInput({
      weeklyHours: [
        { day: 1, start: "13:00", end: "17:30" },
        { day: 1, start: "08:00", end: "12:00" },
      ],
    });
    const created = await createSlaCalendar({ actor, input });
    const calendar = await getSlaCalendar({ input: { calendarId: created.id } });
    expect(calendar).toMatchObject({
      name: input.name,
      timeZone: "Europe/Paris",
      weeklyHours: [
        { day: 1, start: "08:00", end: "12:00" },
        { day: 1, start: "13:00", end: "17:30" },
      ],
      holidays: [{ date: "2026-12-25", name: "Christmas Day", yearly: true }],
      policies: [],
      recompute: null,
    });
    const listed = (await listSlaCalendars()).find((row) => row.id === created.id);
    expect(listed).toMatchObject({ name: input.name, policyCount: 0, recompute: null });
    const audit = await prisma().auditEvent.findFirst({
      where: { action: "sla.calendar_created", subject: `sla_calendar:${created.id}` },
    });
    expect(audit).toMatchObject({ actorType: "technician", actorId: actor.id });
  });

  it("refuses a name in use with 409 at the name field, and saves nothing", async () => {
    const actor = await slaAdmin();
    const input = calendarInput();
    await createSlaCalendar({ actor, input });
    const error = await createSlaCalendar({ actor, input: { ...input, timeZone: "UTC" } }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "name_taken",
      status: 409,
      fields: { name: expect.stringContaining(input.name) },
    });
    expect(await prisma().slaCalendar.count({ where: { name: input.name } })).toBe(1);
    expect(await prisma().auditEvent.count({ where: { actorId: actor.id } })).toBe(1);
    const other = await createSlaCalendar({ actor, input: calendarInput() });
    await expect(
      updateSlaCalendar({ actor, input: { ...calendarInput(), name: input.name, calendarId: other.id } }),
    ).rejects.toMatchObject({ code: "name_taken", status: 409 });
  });

  it("bad input is refused at the edge, each rule a field error at its row", () => {
    const bad = (overrides: Record<string, unknown>) =>
      ZSlaCalendarInput.safeParse({ ...calendarInput(), ...overrides });
    const paths = (overrides: Record<string, unknown>) =>
      bad(overrides).error?.issues.map((issue) => issue.path.join(".")) ?? [];
    expect(
      paths({
        weeklyHours: [
          { day: 3, start: "08:00", end: "12:00" },
          { day: 3, start: "10:00", end: "14:00" },
        ],
      }),
    ).toEqual(["weeklyHours.1.start"]);
    expect(paths({ weeklyHours: [{ day: 3, start: "12:00", end: "08:00" }] })).toEqual(["weeklyHours.0.end"]);
    expect(paths({ weeklyHours: [{ day: 3, start: "12:00", end: "12:00" }] })).toEqual(["weeklyHours.0.end"]);
    expect(paths({ weeklyHours: [] })).toEqual(["weeklyHours"]);
    expect(paths({ timeZone: "Europe/Atlantis" })).toEqual(["timeZone"]);
    expect(paths({ holidays: [{ date: "2026-13-01", name: "", yearly: false }] })).toEqual(["holidays.0.date"]);
    expect(
      paths({
        holidays: [
          { date: "2026-12-25", name: "", yearly: true },
          { date: "2026-12-25", name: "", yearly: false },
        ],
      }),
    ).toEqual(["holidays.1.date"]);
  });

  it("is for admins to change; a technician is refused and nothing is written", async () => {
    const technician = await createTechnicianRow();
    const actor = { id: technician.id, role: "technician" as const };
    const input = calendarInput();
    await expect(createSlaCalendar({ actor, input })).rejects.toMatchObject({ code: "forbidden", status: 403 });
    expect(await prisma().slaCalendar.count({ where: { name: input.name } })).toBe(0);
    const created = await createSlaCalendar({ actor: await slaAdmin(), input });
    await expect(updateSlaCalendar({ actor, input: { ...input, calendarId: created.id } })).rejects.toMatchObject({
      status: 403,
    });
    await expect(deleteSlaCalendar({ actor, input: { calendarId: created.id } })).rejects.toMatchObject({
      status: 403,
    });
  });

  it("an update replaces hours and holidays, says whether the clock changed, and is audited", async () => {
    const actor = await slaAdmin();
    const input = calendarInput();
    const { id } = await createSlaCalendar({ actor, input });
    const renamed = { ...input, name: unique("Renamed"), calendarId: id };
    expect(await updateSlaCalendar({ actor, input: renamed })).toEqual({
      id,
      name: renamed.name,
      hoursChanged: false,
      recomputeTotal: 0,
    });
    const holidayRenamed = { ...renamed, holidays: [{ ...input.holidays[0]!, name: "Noël" }] };
    expect((await updateSlaCalendar({ actor, input: holidayRenamed })).hoursChanged).toBe(false);
    const longer = { ...renamed, weeklyHours: [...input.weeklyHours, { day: 6, start: "09:00", end: "12:00" }] };
    expect((await updateSlaCalendar({ actor, input: longer })).hoursChanged).toBe(true);
    expect((await updateSlaCalendar({ actor, input: { ...longer, timeZone: "America/New_York" } })).hoursChanged).toBe(
      true,
    );
    const calendar = await getSlaCalendar({ input: { calendarId: id } });
    expect(calendar).toMatchObject({ name: renamed.name, timeZone: "America/New_York" });
    expect(calendar.weeklyHours).toHaveLength(6);
    const audits = await prisma().auditEvent.findMany({
      where: { action: "sla.calendar_updated", subject: `sla_calendar:${id}` },
      orderBy: { at: "asc" },
    });
    expect(audits.map((audit) => (audit.data as { hoursChanged: boolean }).hoursChanged)).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it("a change of hours queues, in the same save, the recompute of the tickets on the calendar not closed yet", async () => {
    const actor = await slaAdmin();
    const input = calendarInput();
    const { id } = await createSlaCalendar({ actor, input });
    const customer = await createCustomerRow();
    for (const status of ["open", "pending", "resolved", "closed"] as const) {
      const ticket = await createTicketRow({ customerId: customer.id, status });
      await prisma().ticket.update({ where: { id: ticket.id }, data: { slaCalendarId: id } });
    }
    const renamed = { ...input, name: unique("Renamed"), calendarId: id };
    expect(await updateSlaCalendar({ actor, input: renamed })).toMatchObject({ recomputeTotal: 0 });
    expect(await prisma().slaRecompute.findUnique({ where: { calendarId: id } })).toBeNull();
    const shorter = { ...renamed, weeklyHours: renamed.weeklyHours.slice(1) };
    expect(await updateSlaCalendar({ actor, input: shorter })).toMatchObject({ hoursChanged: true, recomputeTotal: 3 });
    // The job is the queue's: another test file's runSlaRecompute (one database per run) may be
    // working through it already; until it is done, both reads show its progress.
    const shown = [
      (await getSlaCalendar({ input: { calendarId: id } })).recompute,
      (await listSlaCalendars()).find((row) => row.id === id)?.recompute,
    ];
    for (const progress of shown) if (progress) expect(progress.total).toBe(3);
    const audits = await prisma().auditEvent.findMany({
      where: { action: "sla.calendar_updated", subject: `sla_calendar:${id}` },
    });
    expect(audits.map((audit) => (audit.data as { recomputeTotal: number }).recomputeTotal).sort()).toEqual([0, 3]);
  });

  it("deleting is refused with 409 naming the policies that use it, then works once they are gone", async () => {
    const actor = await slaAdmin();
    const calendar = await createSlaCalendar({ actor, input: calendarInput() });
    const policy = await createSlaPolicy({ actor, input: policyInput(calendar.id) });
    const error = await deleteSlaCalendar({ actor, input: { calendarId: calendar.id } }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "calendar_in_use",
      status: 409,
      message: expect.stringContaining(policy.name),
    });
    expect((await listSlaCalendars()).find((row) => row.id === calendar.id)?.policyCount).toBe(1);
    await deleteSlaPolicy({ actor, input: { policyId: policy.id } });
    await deleteSlaCalendar({ actor, input: { calendarId: calendar.id } });
    expect(await prisma().slaCalendar.findUnique({ where: { id: calendar.id } })).toBeNull();
    expect(
      await prisma().auditEvent.count({
        where: { action: "sla.calendar_deleted", subject: `sla_calendar:${calendar.id}` },
      }),
    ).toBe(1);
    await expect(deleteSlaCalendar({ actor, input: { calendarId: calendar.id } })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("deleting is refused with 409 while tickets not closed yet still run on it", async () => {
    const actor = await slaAdmin();
    const calendar = await createSlaCalendar({ actor, input: calendarInput() });
    const ticket = await createTicketRow({ customerId: (await createCustomerRow()).id, status: "resolved" });
    await prisma().ticket.update({ where: { id: ticket.id }, data: { slaCalendarId: calendar.id } });
    await expect(deleteSlaCalendar({ actor, input: { calendarId: calendar.id } })).rejects.toMatchObject({
      code: "calendar_in_use",
      status: 409,
      message: expect.stringContaining("1 ticket still runs"),
    });
    await prisma().ticket.update({ where: { id: ticket.id }, data: { status: "closed" } });
    await deleteSlaCalendar({ actor, input: { calendarId: calendar.id } });
  });
});
