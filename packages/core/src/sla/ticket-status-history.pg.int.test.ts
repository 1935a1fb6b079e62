import { getPrisma } from "@helpline/db";
import { createTechnicianRow } from "@helpline/db/testing";
import { expect, it } from "vitest";
import { backdateTicket, slaScene, statusHistory, ticketsSettled } from "../testing/sla-scene.ts";
import { createConsoleTicket } from "../tickets/create-console-ticket.ts";
import { updateTicket } from "../tickets/update-ticket.ts";
import { refreshTicketSla } from "./refresh-ticket-sla.ts";
import { sendSlaAlerts } from "./send-sla-alerts.ts";

const prisma = () => getPrisma();
const technician = async () => ({ id: (await createTechnicianRow()).id, role: "technician" as const });

async function consoleTicket(customerId: string, assigneeId: string | null = null) {
  const { number } = await createConsoleTicket({
    actor: await technician(),
    input: { customerId, title: "Outage", assigneeId },
    publicUrl: "https://help.example.test",
  });
  return prisma().ticket.findUniqueOrThrow({ where: { number } });
}

it("status changes sent at once: the history has one row per real change, in the order they committed, ending with the ticket's status", async () => {
  const { customer } = await slaScene();
  const [alice, bob] = [await technician(), await technician()];
  const ticket = await consoleTicket(customer.id);
  await Promise.all(
    (["pending", "resolved", "open", "closed", "pending", "pending", "open"] as const).map((status, index) =>
      updateTicket({ actor: index % 2 ? alice : bob, input: { ticketId: ticket.id, status } }),
    ),
  );
  const history = await statusHistory(ticket.id);
  const audited = await prisma().auditEvent.count({
    where: { subject: `ticket:${ticket.id}`, action: "ticket.updated" },
  });
  expect(history).toHaveLength(audited + 1);
  for (let index = 1; index < history.length; index++) {
    expect(history[index]!.status).not.toBe(history[index - 1]!.status);
    expect(history[index]!.at.getTime()).toBeGreaterThanOrEqual(history[index - 1]!.at.getTime());
  }
  const final = await prisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } });
  expect(history.at(-1)!.status).toBe(final.status);
});

it("a ticket set Pending while the scheduler alerts on it ends paused, with no alert owed and at most one sent", async () => {
  const { customer } = await slaScene();
  const assignee = await createTechnicianRow();
  const actor = await technician();
  const tickets = [];
  for (let index = 0; index < 10; index++) {
    const ticket = await consoleTicket(customer.id, assignee.id);
    await backdateTicket(ticket.id, 200);
    await prisma().$transaction((tx) => refreshTicketSla(tx, { ticketId: ticket.id, now: new Date() }));
    tickets.push(ticket);
  }
  await Promise.all([
    sendSlaAlerts({ now: new Date(), limit: 3 }),
    // Staggered, so some changes land before the scheduler's lease, some while or after it.
    ...tickets.map((ticket, index) =>
      new Promise((resolve) => setTimeout(resolve, index * 15)).then(() =>
        updateTicket({ actor, input: { ticketId: ticket.id, status: "pending" } }),
      ),
    ),
    sendSlaAlerts({ now: new Date(), limit: 1000 }),
  ]);
  const ids = tickets.map((ticket) => ticket.id);
  await ticketsSettled(ids);
  const after = await prisma().ticket.findMany({ where: { id: { in: ids } } });
  for (const ticket of after) {
    expect(ticket).toMatchObject({ status: "pending", slaAlertAt: null, slaDueAt: null, firstResponseDueAt: null });
  }
  const mails = await prisma().outboxMessage.findMany({ where: { ticketId: { in: ids }, kind: "notification" } });
  for (const id of ids) expect(mails.filter((mail) => mail.ticketId === id).length).toBeLessThanOrEqual(1);
  console.log(`Pending while alerting: ${ids.length} tickets paused, ${mails.length} warnings sent before the pause`);
});
