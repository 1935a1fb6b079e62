import { getPrisma } from "@helpline/db";
import { createTechnicianRow } from "@helpline/db/testing";
import { expect, it } from "vitest";
import { backdateTicket, slaScene, ticketsSettled } from "../testing/sla-scene.ts";
import { createConsoleTicket } from "../tickets/create-console-ticket.ts";
import { refreshTicketSla } from "./refresh-ticket-sla.ts";
import { sendSlaAlerts } from "./send-sla-alerts.ts";

const prisma = () => getPrisma();

// What two serving processes do when their timers fire together: each drains the due tickets in
// small batches. On PostgreSQL the passes really overlap (SKIP LOCKED leases, SlaAlert's key).
async function scheduler(limit: number): Promise<void> {
  while ((await sendSlaAlerts({ now: new Date(), limit })).tickets > 0);
}

it("schedulers running at once send each alert exactly once", { timeout: 120_000 }, async () => {
  const { customer } = await slaScene();
  const assignee = await createTechnicianRow();
  const actor = { id: (await createTechnicianRow()).id, role: "technician" as const };
  const ids: string[] = [];
  for (let index = 0; index < 24; index++) {
    const { number } = await createConsoleTicket({
      actor,
      input: { customerId: customer.id, title: `Outage ${index}`, assigneeId: assignee.id },
      publicUrl: "https://help.example.test",
    });
    const { id } = await prisma().ticket.findUniqueOrThrow({ where: { number } });
    // Half past their warning (180 of 240 min), half breached.
    await backdateTicket(id, index % 2 ? 200 : 250);
    await prisma().$transaction((tx) => refreshTicketSla(tx, { ticketId: id, now: new Date() }));
    ids.push(id);
  }

  await Promise.all([
    sendSlaAlerts({ now: new Date(), limit: 1000 }),
    sendSlaAlerts({ now: new Date(), limit: 1000 }),
    scheduler(3),
    scheduler(3),
    scheduler(5),
    scheduler(7),
  ]);
  // Another test file's pass may hold some of these tickets still: wait for it to commit.
  await ticketsSettled(ids);

  const mails = await prisma().outboxMessage.findMany({
    where: { ticketId: { in: ids }, kind: "notification" },
    select: { ticketId: true, text: true, to: true },
  });
  const audit = await prisma().auditEvent.findMany({
    where: { subject: { in: ids.map((id) => `ticket:${id}`) }, action: { startsWith: "ticket.sla_" } },
  });
  const alerts = await prisma().slaAlert.findMany({ where: { ticketId: { in: ids } } });
  console.log(
    `SLA alerts under 6 concurrent passes: ${ids.length} tickets, ${mails.length} mails, ${audit.length} audit lines, ${alerts.length} SlaAlert rows`,
  );
  expect(mails).toHaveLength(ids.length);
  expect(audit).toHaveLength(ids.length);
  // Breached tickets also record their (silent) warning.
  expect(alerts).toHaveLength(ids.length + ids.length / 2);
  for (const [index, id] of ids.entries()) {
    const own = mails.filter((mail) => mail.ticketId === id);
    expect(own).toHaveLength(1);
    expect(own[0]!.to).toBe(assignee.email);
    expect(own[0]!.text ?? "").toContain(index % 2 ? "is close to its" : "breached its");
  }
});
