import { addTicketNote, replyToTicket } from "@helpline/core";
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

let gateway: FastifyInstance;
beforeAll(async () => {
  gateway = await buildGateway();
  await gateway.ready();
});
afterAll(() => gateway.close());

const PUBLIC_URL = "https://helpdesk.example.test";

function checkinAs(agentToken: string, profile: string) {
  return async (extra: Record<string, unknown> = {}) => {
    const response = await gateway.inject({
      method: "POST",
      url: "/api/agent/v1/checkin",
      headers: { authorization: `Bearer ${agentToken}` },
      payload: checkinBody(profile, extra),
    });
    expect(response.statusCode).toBe(200);
    return ZCheckinResponse.parse(response.json());
  };
}

/** A confirmed helpdesk device, its contact's ticket, and a technician named Sam. */
async function ticketOnDevice() {
  const customer = await createCustomerRow();
  const row = await createHelpdeskDeviceRow({ customerId: customer.id });
  const ticket = await createTicketRow({ customerId: customer.id, contactId: row.contact!.id, title: "VPN drops" });
  const technician = await createTechnicianRow();
  await getPrisma().technician.update({ where: { id: technician.id }, data: { name: "Sam Reyes" } });
  const actor = { id: technician.id, role: "technician" as const };
  const reply = (body = "Please restart the VPN client.") =>
    replyToTicket({ actor, input: { ticketId: ticket.id, body }, publicUrl: PUBLIC_URL });
  const note = () => addTicketNote({ actor, input: { ticketId: ticket.id, body: "Known issue." } });
  return { ...row, customer, ticket, actor, reply, note, checkin: checkinAs(row.agentToken, row.profile.name) };
}

describe("reply notifications", () => {
  it("a public reply reaches the next check-in, stays until acknowledged, then is gone", async () => {
    const { ticket, reply, checkin, profile } = await ticketOnDevice();
    const before = await checkin();
    expect(before.notifications).toEqual([]);
    await reply();
    const message = await getPrisma().ticketMessage.findFirstOrThrow({ where: { ticketId: ticket.id } });
    // As the agent does: a long-poll, answered when the reply's announcement reaches the gateway
    // (a plain check-in a millisecond after the commit may still be answered from its cache).
    const first = await checkin({ waitSeconds: 10, knownStateVersion: before.stateVersion });
    expect(first.notifications).toEqual([
      {
        id: expect.any(String),
        kind: "reply",
        profile: profile.name,
        ticketNumber: ticket.number,
        title: "VPN drops",
        from: "Sam Reyes",
        at: message.createdAt.toISOString(),
      },
    ]);
    const [notification] = first.notifications!;
    expect((await checkin()).notifications).toEqual(first.notifications);

    const acked = await checkin({ ackNotifications: [notification!.id, "not-an-id", crypto.randomUUID()] });
    expect(acked.notifications).toEqual([]);
    expect(await getPrisma().agentNotification.count({ where: { id: notification!.id } })).toBe(0);
    // Acknowledging it again is harmless.
    expect((await checkin({ ackNotifications: [notification!.id] })).notifications).toEqual([]);
  });

  it("a note makes none; a device where the contact is not the confirmed identity, or is not active, gets none", async () => {
    const { customer, contact, note, reply, checkin } = await ticketOnDevice();
    const stranger = await createHelpdeskDeviceRow({ customerId: customer.id });
    const inactive = await createHelpdeskDeviceRow({ customerId: customer.id, confirmed: false });
    await getPrisma().deviceProfile.update({
      where: { id: inactive.profile.id },
      data: { contactId: contact!.id, helpdeskActive: false },
    });
    await note();
    const afterNote = await checkin();
    expect(afterNote.notifications).toEqual([]);
    await reply();
    expect((await checkin({ waitSeconds: 10, knownStateVersion: afterNote.stateVersion })).notifications).toHaveLength(
      1,
    );
    expect((await checkinAs(stranger.agentToken, stranger.profile.name)()).notifications).toEqual([]);
    expect((await checkinAs(inactive.agentToken, inactive.profile.name)()).notifications).toEqual([]);
  });

  it("another device's acknowledgement removes nothing of this device's", async () => {
    const { customer, reply, checkin } = await ticketOnDevice();
    await reply();
    const [notification] = (await checkin()).notifications!;
    const other = await createHelpdeskDeviceRow({ customerId: customer.id });
    await checkinAs(other.agentToken, other.profile.name)({ ackNotifications: [notification!.id] });
    expect((await checkin()).notifications?.map(({ id }) => id)).toEqual([notification!.id]);
  });

  it("sends at most 20, oldest first, and none older than 7 days", async () => {
    const { device, profile, ticket, checkin } = await ticketOnDevice();
    const dayMs = 24 * 3600 * 1000;
    const now = Date.now();
    await getPrisma().agentNotification.createMany({
      data: Array.from({ length: 23 }, (_, index) => ({
        deviceId: device.id,
        profileId: profile.id,
        kind: "reply",
        ticketNumber: ticket.number,
        title: `Reply ${index}`,
        fromName: "Sam Reyes",
        // Two of them are 8 days old; the others one minute apart, in order.
        createdAt: new Date(index < 2 ? now - 8 * dayMs : now - (30 - index) * 60_000),
      })),
    });
    const { notifications } = await checkin();
    expect(notifications?.map(({ title }) => title)).toEqual(Array.from({ length: 20 }, (_, i) => `Reply ${i + 2}`));
    // Acknowledging also clears the stale ones; the 21st comes next.
    const after = await checkin({ ackNotifications: notifications!.map(({ id }) => id) });
    expect(after.notifications?.map(({ title }) => title)).toEqual(["Reply 22"]);
    expect(await getPrisma().agentNotification.count({ where: { deviceId: device.id } })).toBe(1);
  });

  it("a new reply clears the device's notifications older than 7 days (agents that never acknowledge)", async () => {
    const { device, profile, ticket, reply, checkin } = await ticketOnDevice();
    await getPrisma().agentNotification.create({
      data: {
        deviceId: device.id,
        profileId: profile.id,
        kind: "reply",
        ticketNumber: ticket.number,
        title: "Old news",
        fromName: "Sam Reyes",
        createdAt: new Date(Date.now() - 8 * 24 * 3600 * 1000),
      },
    });
    await reply();
    expect((await checkin()).notifications?.map(({ title }) => title)).toEqual(["VPN drops"]);
    expect(await getPrisma().agentNotification.count({ where: { deviceId: device.id } })).toBe(1);
  });

  it("a check-in that acknowledges is still held: its own acknowledgement does not wake it", async () => {
    const { reply, checkin } = await ticketOnDevice();
    await reply();
    const { stateVersion, notifications } = await checkin();
    const started = Date.now();
    const held = await checkin({
      waitSeconds: 1,
      knownStateVersion: stateVersion,
      ackNotifications: notifications!.map(({ id }) => id),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(held.notifications).toEqual([]);
  });

  it("a reply wakes a held check-in within a second", async () => {
    const { reply, checkin } = await ticketOnDevice();
    const { stateVersion } = await checkin();
    const held = checkin({ waitSeconds: 30, knownStateVersion: stateVersion });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const repliedAt = Date.now();
    await reply();
    const answer = await held;
    expect(Date.now() - repliedAt).toBeLessThan(1000);
    expect(answer.stateVersion).toBe(stateVersion + 1);
    expect(answer.notifications).toHaveLength(1);
  });
});
