import { getPortalBranding, setDeviceHelpdesk, setPortalBranding } from "@helpline/core";
import { getPrisma } from "@helpline/db";
import { checkinBody, createCustomerRow, createTechnicianRow, enrollBody } from "@helpline/db/testing";
import { ZCheckinResponse, ZEnrollResponse, ZErrorBody } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway } from "../build-gateway.ts";

let gateway: FastifyInstance;
beforeAll(async () => {
  gateway = await buildGateway();
  await gateway.ready();
});
afterAll(() => gateway.close());

const ALICE = { name: "CONTOSO\\alice", displayName: "Alice Martin" };
const BOB = { name: "CONTOSO\\bob", displayName: "Bob Stone" };

async function enrolledDevice(options: { autoActivate?: boolean; via?: FastifyInstance } = {}) {
  const via = options.via ?? gateway;
  const customer = await createCustomerRow();
  if (options.autoActivate)
    await getPrisma().customer.update({ where: { id: customer.id }, data: { autoActivateHelpdesk: true } });
  const response = await via.inject({
    method: "POST",
    url: "/api/agent/v1/enroll",
    payload: enrollBody(customer.installKey),
  });
  const { deviceId, agentToken } = ZEnrollResponse.parse(response.json());
  const post = (extra: Record<string, unknown>) =>
    via.inject({
      method: "POST",
      url: "/api/agent/v1/checkin",
      headers: { authorization: `Bearer ${agentToken}` },
      payload: checkinBody(ALICE.name, { currentProfile: ALICE, ...extra }),
    });
  const checkin = async (extra: Record<string, unknown>) => {
    const answer = await post(extra);
    expect(answer.statusCode).toBe(200);
    return ZCheckinResponse.parse(answer.json());
  };
  const stored = () =>
    getPrisma().deviceProfile.findMany({
      where: { deviceId },
      select: {
        name: true,
        displayName: true,
        signedIn: true,
        onConsole: true,
        trayRunning: true,
        helpdeskActive: true,
      },
      orderBy: { name: "asc" },
    });
  return { customer, deviceId, post, checkin, stored };
}

describe("check-in profiles", () => {
  it("records every listed profile with its console and tray flags, and answers each one's helpdesk state", async () => {
    const { deviceId, checkin, stored } = await enrolledDevice();
    const first = await checkin({
      profiles: [
        { ...ALICE, console: true, trayRunning: true },
        { ...BOB, console: false },
      ],
    });
    expect(first.profiles).toEqual([
      { name: ALICE.name, helpdesk: { active: false, identity: null, language: "en" } },
      { name: BOB.name, helpdesk: { active: false, identity: null, language: "en" } },
    ]);
    expect(await stored()).toEqual([
      { ...ALICE, signedIn: true, onConsole: true, trayRunning: true, helpdeskActive: false },
      { ...BOB, signedIn: true, onConsole: false, trayRunning: null, helpdeskActive: false },
    ]);
    const device = await getPrisma().device.findUniqueOrThrow({ where: { id: deviceId } });
    expect(device.profilesReportedAt).not.toBeNull();

    // Bob is on the console for a while and his profile is activated; then Alice is back on the
    // console, and her answer does not change. (The current profile changes only by check-ins: the
    // gateway caches it, so a row edited behind its back would make this test depend on timing.)
    const technician = await createTechnicianRow();
    await checkin({ currentProfile: BOB, profiles: [{ ...BOB, console: true }] });
    await setDeviceHelpdesk({
      actor: { id: technician.id, role: "technician" },
      input: { deviceId, action: "activate" },
    });
    const second = await checkin({
      profiles: [
        { ...ALICE, console: true, trayRunning: true },
        { ...BOB, console: false, trayRunning: true },
      ],
    });
    expect(second.helpdesk.active).toBe(false);
    expect(second.profiles).toEqual([
      { name: ALICE.name, helpdesk: { active: false, identity: null, language: "en" } },
      { name: BOB.name, helpdesk: { active: true, identity: null, language: "en" } },
    ]);
    expect((await stored()).find((profile) => profile.name === BOB.name)?.trayRunning).toBe(true);

    // Bob signs out: he is kept, no longer signed in, his flags unknown.
    const third = await checkin({ profiles: [{ ...ALICE, console: true, trayRunning: false }] });
    expect(third.profiles).toEqual([{ name: ALICE.name, helpdesk: { active: false, identity: null, language: "en" } }]);
    expect(await stored()).toEqual([
      { ...ALICE, signedIn: true, onConsole: true, trayRunning: false, helpdeskActive: false },
      { ...BOB, signedIn: false, onConsole: null, trayRunning: null, helpdeskActive: true },
    ]);
  });

  it("keeps one entry per name, and an agent that stops listing profiles makes them unknown", async () => {
    const { deviceId, checkin, stored } = await enrolledDevice();
    const answer = await checkin({
      profiles: [
        { ...ALICE, console: true },
        { ...ALICE, console: false },
      ],
    });
    expect(answer.profiles).toEqual([
      { name: ALICE.name, helpdesk: { active: false, identity: null, language: "en" } },
    ]);
    expect((await stored())[0]).toMatchObject({ signedIn: true, onConsole: true });

    const older = await checkin({});
    expect(older.profiles).toBeUndefined();
    expect(await stored()).toEqual([
      { ...ALICE, signedIn: false, onConsole: null, trayRunning: null, helpdeskActive: false },
    ]);
    const device = await getPrisma().device.findUniqueOrThrow({ where: { id: deviceId } });
    expect(device.profilesReportedAt).toBeNull();
  });

  it("activates new listed profiles under the customer's policy, with an audit line each", async () => {
    const { deviceId, checkin } = await enrolledDevice({ autoActivate: true });
    const answer = await checkin({ currentProfile: null, profiles: [ALICE, BOB] });
    expect(answer.profiles?.map((profile) => profile.helpdesk.active)).toEqual([true, true]);
    const audited = await getPrisma().auditEvent.findMany({
      where: { subject: `device:${deviceId}`, action: "helpdesk.activated" },
    });
    expect(audited.map((event) => (event.data as { profile: string }).profile).sort()).toEqual([ALICE.name, BOB.name]);
  });

  it("refuses more than 64 profiles, naming the field, and writes nothing", async () => {
    const { post, stored } = await enrolledDevice();
    const profiles = Array.from({ length: 65 }, (_, index) => ({ name: `CONTOSO\\user${index}` }));
    const refused = await post({ profiles });
    expect(refused.statusCode).toBe(400);
    const { error } = ZErrorBody.parse(refused.json());
    expect(error.code).toBe("invalid_request");
    expect(error.message).toContain("profiles");
    expect(await stored()).toEqual([]);
  });

  it("carries the MSP's name from Settings ▸ Portal", async () => {
    const admin = await createTechnicianRow({ role: "admin" });
    const actor = { id: admin.id, role: "admin" as const };
    const before = await getPortalBranding();
    await setPortalBranding({ actor, input: { name: "Acme IT", logoUrl: "" } });
    // A gateway of its own: the shared one may remember the name another test saw, for a minute.
    const own = await buildGateway();
    await own.ready();
    try {
      const { checkin } = await enrolledDevice({ via: own });
      expect((await checkin({})).mspName).toBe("Acme IT");
    } finally {
      await own.close();
      await setPortalBranding({ actor, input: { name: before.name, logoUrl: before.logoUrl ?? "" } });
    }
  });
});
