import { getPrisma } from "@helpline/db";
import { applyMigrations } from "@helpline/db/migrate";
import { createScratchDatabase, createTechnicianRow, unique, withDatabaseEnv } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { publicUrl } from "../links/public-url.ts";
import { getGeneralSettings } from "../settings/get-general-settings.ts";
import { backdateTicket, slaScene, ticketsSettled } from "../testing/sla-scene.ts";
import { formatZonedDateTime } from "@helpline/i18n";
import { createConsoleTicket } from "../tickets/create-console-ticket.ts";
import { updateTicket } from "../tickets/update-ticket.ts";
import { refreshTicketSla } from "./refresh-ticket-sla.ts";
import { sendSlaAlerts } from "./send-sla-alerts.ts";
import { SlaScheduler } from "./sla-scheduler.ts";

const MINUTE = 60_000;
const prisma = () => getPrisma();
const technician = async () => ({ id: (await createTechnicianRow()).id, role: "technician" as const });
// Sends what is due, then waits for the ticket in case another file's pass leased it meanwhile.
async function sendDue(ticketId: string): Promise<void> {
  await sendSlaAlerts({ now: new Date(), limit: 1000 });
  await ticketsSettled([ticketId]);
}
const ticketById = (id: string) => prisma().ticket.findUniqueOrThrow({ where: { id } });
const alertMails = (ticketId: string) =>
  prisma().outboxMessage.findMany({ where: { ticketId, kind: "notification" }, orderBy: { createdAt: "asc" } });
const alertsOf = (ticketId: string) =>
  prisma().slaAlert.findMany({ where: { ticketId }, orderBy: [{ target: "asc" }, { kind: "asc" }] });
const auditOf = async (ticketId: string) =>
  (
    await prisma().auditEvent.findMany({
      where: { subject: `ticket:${ticketId}`, action: { in: ["ticket.sla_warning", "ticket.sla_breached"] } },
      orderBy: { at: "asc" },
    })
  ).map((event) => ({ action: event.action, data: event.data }));

/**
 * A console ticket on a policy open around the clock (medium: first response 240 min, warning at
 * 75 % = 180 min), opened `minutesAgo` minutes ago and refreshed as of now.
 */
async function openedAgo(options: {
  customerId: string;
  minutesAgo: number;
  assigneeId?: string | null;
  priority?: "low" | "medium" | "high" | "critical";
}) {
  const { number } = await createConsoleTicket({
    actor: await technician(),
    input: {
      customerId: options.customerId,
      title: `Server down ${unique()}`,
      priority: options.priority ?? "medium",
      assigneeId: options.assigneeId ?? null,
    },
    publicUrl: "https://help.example.test",
  });
  const { id } = await prisma().ticket.findUniqueOrThrow({ where: { number } });
  await backdateTicket(id, options.minutesAgo);
  await prisma().$transaction((tx) => refreshTicketSla(tx, { ticketId: id, now: new Date() }));
  return ticketById(id);
}

describe("sendSlaAlerts: warnings and breaches, each once per ticket and target", () => {
  it("a ticket crossing its warning and then its target: one warning, then one breach, to its assignee, due time in the MSP's zone", async () => {
    const { customer } = await slaScene();
    const assignee = await createTechnicianRow();
    const ticket = await openedAgo({ customerId: customer.id, minutesAgo: 200, assigneeId: assignee.id });
    expect(ticket.slaAlertAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const dueAt = new Date(ticket.createdAt.getTime() + 240 * MINUTE);

    await sendDue(ticket.id);
    await sendDue(ticket.id);
    const { timeZone } = await getGeneralSettings();
    const due = formatZonedDateTime(dueAt, timeZone);
    const warned = await alertMails(ticket.id);
    expect(warned.map((mail) => [mail.to, mail.subject])).toEqual([
      [assignee.email, `Re: [#${ticket.number}] ${ticket.title}`],
    ]);
    expect(warned[0]!.text).toContain(
      `Ticket #${ticket.number} (${ticket.title}) is close to its first response target: it is due ${due}.`,
    );
    expect(warned[0]!.text).toContain(`${publicUrl({ protocol: "http", host: null })}/tickets/${ticket.number}`);
    expect(warned[0]!.text).toContain(due);
    expect(await alertsOf(ticket.id)).toMatchObject([{ target: "first_response", kind: "warning" }]);
    // The next alert owed is the breach, at the due time.
    expect((await ticketById(ticket.id)).slaAlertAt).toEqual(dueAt);

    await backdateTicket(ticket.id, 50);
    await prisma().$transaction((tx) => refreshTicketSla(tx, { ticketId: ticket.id, now: new Date() }));
    await sendDue(ticket.id);
    await sendDue(ticket.id);
    const breachedDue = formatZonedDateTime(new Date(dueAt.getTime() - 50 * MINUTE), timeZone);
    const both = await alertMails(ticket.id);
    expect(both.map((mail) => mail.subject)).toEqual([
      `Re: [#${ticket.number}] ${ticket.title}`,
      `Re: [#${ticket.number}] ${ticket.title}`,
    ]);
    expect(both.map((mail) => mail.text?.split("\n")[0])).toEqual([
      `Ticket #${ticket.number} (${ticket.title}) is close to its first response target: it is due ${due}.`,
      `Ticket #${ticket.number} (${ticket.title}) breached its first response target: it was due ${breachedDue}.`,
    ]);
    expect(await auditOf(ticket.id)).toEqual([
      {
        action: "ticket.sla_warning",
        data: { number: ticket.number, target: "first_response", dueAt: dueAt.toISOString(), recipients: 1 },
      },
      {
        action: "ticket.sla_breached",
        data: {
          number: ticket.number,
          target: "first_response",
          dueAt: new Date(dueAt.getTime() - 50 * MINUTE).toISOString(),
          recipients: 1,
        },
      },
    ]);
    const after = await ticketById(ticket.id);
    expect(after.firstResponseBreachedAt).toEqual(new Date(dueAt.getTime() - 50 * MINUTE));
    // Only the resolution's warning is still owed (75 % of 960 min).
    expect(after.slaAlertAt).toEqual(new Date(after.createdAt.getTime() + 720 * MINUTE));
  });

  it("unassigned: every active technician hears of it (no disabled one); a ticket found already breached gets the breach alone", async () => {
    const { customer } = await slaScene();
    const active = await createTechnicianRow();
    const disabled = await createTechnicianRow({ disabled: true });
    const ticket = await openedAgo({ customerId: customer.id, minutesAgo: 250 });
    await sendDue(ticket.id);
    const mails = await alertMails(ticket.id);
    const recipients = mails.map((mail) => mail.to);
    expect(recipients).toContain(active.email);
    expect(recipients).not.toContain(disabled.email);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(
      mails.every((mail) =>
        mail.text?.startsWith(`Ticket #${ticket.number} (${ticket.title}) breached its first response`),
      ),
    ).toBe(true);
    expect(await alertsOf(ticket.id)).toMatchObject([
      { target: "first_response", kind: "breach" },
      { target: "first_response", kind: "warning" },
    ]);
    const audit = await auditOf(ticket.id);
    expect(audit.map((line) => line.action)).toEqual(["ticket.sla_breached"]);
    expect((audit[0]!.data as { recipients: number }).recipients).toBe(mails.length);
  });

  it("Pending pauses: no alert while paused; Open resumes with the time already spent", async () => {
    const { customer } = await slaScene();
    const assignee = await createTechnicianRow();
    const actor = await technician();
    const ticket = await openedAgo({ customerId: customer.id, minutesAgo: 200, assigneeId: assignee.id });
    await updateTicket({ actor, input: { ticketId: ticket.id, status: "pending" } });
    expect((await ticketById(ticket.id)).slaAlertAt).toBeNull();
    await sendDue(ticket.id);
    expect(await alertMails(ticket.id)).toEqual([]);

    await updateTicket({ actor, input: { ticketId: ticket.id, status: "open" } });
    await sendDue(ticket.id);
    expect((await alertMails(ticket.id)).map((mail) => mail.text)).toEqual([
      expect.stringContaining(`Ticket #${ticket.number} (${ticket.title}) is close to its first response target`),
    ]);
  });

  it("a priority change moves the alert: a Low ticket not yet due breaches at once as Critical", async () => {
    const { customer } = await slaScene();
    const assignee = await createTechnicianRow();
    const ticket = await openedAgo({
      customerId: customer.id,
      minutesAgo: 100,
      assigneeId: assignee.id,
      priority: "low",
    });
    expect(ticket.slaAlertAt).toEqual(new Date(ticket.createdAt.getTime() + 360 * MINUTE));
    await sendDue(ticket.id);
    expect(await alertMails(ticket.id)).toEqual([]);

    await updateTicket({ actor: await technician(), input: { ticketId: ticket.id, priority: "critical" } });
    await sendDue(ticket.id);
    expect((await alertMails(ticket.id)).map((mail) => mail.text)).toEqual([
      expect.stringContaining(`Ticket #${ticket.number} (${ticket.title}) breached its first response target`),
    ]);
  });

  it("a ticket whose calendar was deleted loses its clock: nothing due, no alert", async () => {
    const { customer, policy, calendar } = await slaScene();
    const assignee = await createTechnicianRow();
    const ticket = await openedAgo({ customerId: customer.id, minutesAgo: 250, assigneeId: assignee.id });
    await prisma().customer.update({ where: { id: customer.id }, data: { slaPolicyId: null } });
    await prisma().slaPolicy.delete({ where: { id: policy.id } });
    await prisma().slaCalendar.delete({ where: { id: calendar.id } });
    expect((await ticketById(ticket.id)).slaAlertAt).not.toBeNull();
    await sendDue(ticket.id);
    expect(await alertMails(ticket.id)).toEqual([]);
    expect(await ticketById(ticket.id)).toMatchObject({
      slaCalendarId: null,
      slaAlertAt: null,
      slaDueAt: null,
      firstResponseDueAt: null,
      firstResponseBreachedAt: null,
    });
  });

  it(
    "a ticket whose SLA cannot be computed is skipped and logged; the others' alerts still go",
    { timeout: 120_000 },
    async () => {
      // A database of its own: a pass of another file running at once would skip it unlogged.
      const scratch = await createScratchDatabase({ serverUrl: process.env.DATABASE_URL || undefined, label: "sla" });
      await applyMigrations({ config: scratch.config });
      try {
        await withDatabaseEnv(scratch.env, async () => {
          const broken = await slaScene();
          const healthy = await slaScene();
          const assignee = await createTechnicianRow();
          const bad = await openedAgo({ customerId: broken.customer.id, minutesAgo: 200, assigneeId: assignee.id });
          const good = await openedAgo({ customerId: healthy.customer.id, minutesAgo: 200, assigneeId: assignee.id });
          // Written by hand: the services refuse a calendar without open time.
          await prisma().slaCalendar.update({ where: { id: broken.calendar.id }, data: { weeklyHours: [] } });
          const logged: string[] = [];
          const scheduler = new SlaScheduler({ log: (line) => logged.push(line) });
          await scheduler.wake();
          await scheduler.stop();
          expect(await alertsOf(good.id)).toMatchObject([{ target: "first_response", kind: "warning" }]);
          expect(await alertsOf(bad.id)).toEqual([]);
          expect(await alertMails(bad.id)).toEqual([]);
          expect((await ticketById(bad.id)).slaAlertAt).toBeNull();
          expect(logged).toEqual([
            expect.stringMatching(new RegExp(`^SLA alerts: ticket ${bad.id} skipped, its SLA cannot be computed: `)),
          ]);
        });
      } finally {
        await scratch.drop();
      }
    },
  );

  it("the scheduler's pass sends what is due", async () => {
    const { customer } = await slaScene();
    const assignee = await createTechnicianRow();
    const ticket = await openedAgo({ customerId: customer.id, minutesAgo: 190, assigneeId: assignee.id });
    const scheduler = new SlaScheduler({ log: (line) => expect.fail(line) });
    await scheduler.wake();
    await scheduler.stop();
    await ticketsSettled([ticket.id]);
    expect(await alertsOf(ticket.id)).toMatchObject([{ target: "first_response", kind: "warning" }]);
  });
});
