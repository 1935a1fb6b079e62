import { replyToTicket } from "@helpline/core";
import { getPrisma } from "@helpline/db";
import {
  checkinBody,
  createCustomerRow,
  createHelpdeskDeviceRow,
  createTechnicianRow,
  createTicketRow,
} from "@helpline/db/testing";
import { ZCheckinResponse } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway } from "../build-gateway.ts";

// Races on check-in profiles and notification acks: PGlite runs one transaction at a time and
// hides them; PostgreSQL does not. Real HTTP into the real gateway, on the run's PostgreSQL database.
let gateway: FastifyInstance;
let base: string;
beforeAll(async () => {
  gateway = await buildGateway();
  base = `${await gateway.listen({ port: 0, host: "127.0.0.1" })}/api/agent/v1`;
});
afterAll(() => gateway.close());

const PARALLEL = 12;

async function confirmedDevice() {
  const customer = await createCustomerRow();
  const row = await createHelpdeskDeviceRow({ customerId: customer.id });
  const ticket = await createTicketRow({ customerId: customer.id, contactId: row.contact!.id });
  const technician = await createTechnicianRow();
  const reply = () =>
    replyToTicket({
      actor: { id: technician.id, role: "technician" },
      input: { ticketId: ticket.id, body: "On it." },
      publicUrl: "https://helpdesk.example.test",
    });
  const checkin = async (extra: Record<string, unknown> = {}) => {
    const response = await fetch(`${base}/checkin`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${row.agentToken}` },
      body: JSON.stringify(checkinBody(row.profile.name, extra)),
    });
    const body = (await response.json()) as unknown;
    return { status: response.status, body };
  };
  return { ...row, reply, checkin };
}

describe("check-in races on PostgreSQL", () => {
  it("parallel check-ins with different profile lists all succeed and leave one consistent list", async () => {
    const { device, profile, checkin } = await confirmedDevice();
    const names = ["CONTOSO\\bob", "CONTOSO\\carol", "CONTOSO\\dave", "CONTOSO\\erin"];
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, index) =>
        checkin({
          // Each request lists the signed-in user and two others, in varying orders, flags varying.
          profiles: [
            { name: names[index % 4]!, console: index % 2 === 0, trayRunning: index % 3 === 0 },
            { name: profile.name, console: true, trayRunning: true },
            { name: names[(index + 1) % 4]!, console: false },
          ],
        }),
      ),
    );
    console.log(`${PARALLEL} parallel check-ins with profiles: statuses ${answers.map((a) => a.status).join(", ")}`);
    expect(answers.map((answer) => answer.status)).toEqual(Array(PARALLEL).fill(200));
    for (const answer of answers) {
      const parsed = ZCheckinResponse.parse(answer.body);
      expect(parsed.profiles?.find((entry) => entry.name === profile.name)?.helpdesk.active).toBe(true);
    }
    const rows = await getPrisma().deviceProfile.findMany({ where: { deviceId: device.id } });
    expect(rows.map((row) => row.name).sort()).toEqual([profile.name, ...names].sort());

    // The next list is what stays, whatever the race left.
    const settled = await checkin({ profiles: [{ name: profile.name, console: true, trayRunning: false }] });
    expect(settled.status).toBe(200);
    const signedIn = await getPrisma().deviceProfile.findMany({
      where: { deviceId: device.id, signedIn: true },
      select: { name: true, onConsole: true, trayRunning: true },
    });
    expect(signedIn).toEqual([{ name: profile.name, onConsole: true, trayRunning: false }]);
  });

  it("two acks of the same notifications at once both answer, and remove them once", async () => {
    const { device, reply, checkin } = await confirmedDevice();
    await reply();
    await reply();
    const first = ZCheckinResponse.parse((await checkin()).body);
    const ids = first.notifications!.map(({ id }) => id);
    expect(ids).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => checkin({ ackNotifications: ids })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(PARALLEL).fill(200));
    for (const answer of answers) expect(ZCheckinResponse.parse(answer.body).notifications).toEqual([]);
    expect(await getPrisma().agentNotification.count({ where: { deviceId: device.id } })).toBe(0);
  });

  it("a reply written while an ack runs is kept and sent next", async () => {
    const { device, reply, checkin } = await confirmedDevice();
    await reply();
    const ids = ZCheckinResponse.parse((await checkin()).body).notifications!.map(({ id }) => id);
    const [acked] = await Promise.all([checkin({ ackNotifications: ids }), reply(), reply()]);
    expect(acked.status).toBe(200);
    // The replies' announcements reach this gateway's cache a moment after their commits.
    await expect.poll(async () => ZCheckinResponse.parse((await checkin()).body).notifications?.length).toBe(2);
    const next = ZCheckinResponse.parse((await checkin()).body);
    expect(next.notifications!.some(({ id }) => ids.includes(id))).toBe(false);
    expect(await getPrisma().agentNotification.count({ where: { deviceId: device.id } })).toBe(2);
  });
});
