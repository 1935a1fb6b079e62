import { setDeviceHelpdesk, TOKEN_GRACE_MS } from "@helpline/core";
import { getPrisma } from "@helpline/db";
import { createCustomerRow, createTechnicianRow, enrollBody, unique } from "@helpline/db/testing";
import { ZCheckinResponse, ZEnrollResponse, ZErrorBody } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildGateway } from "../build-gateway.ts";

// Issue 10 §1: a re-enroll is "the same machine" only when it proves it; a clone is a new device,
// flagged, and inherits nothing (no identity, no tickets, no portal access).
let gateway: FastifyInstance;
beforeAll(async () => {
  gateway = await buildGateway();
  await gateway.ready();
});
afterAll(() => gateway.close());

const FRONTDESK = "CORP\\frontdesk";
const os = { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" };

type Agent = { deviceId: string; agentToken: string; headers: Record<string, string> };

function call(method: "GET" | "POST", path: string, agent: Agent | null, payload?: object) {
  return gateway.inject({
    method,
    url: `/api/agent/v1${path}`,
    headers: agent ? { authorization: `Bearer ${agent.agentToken}`, ...agent.headers } : {},
    ...(payload ? { payload } : {}),
  });
}

async function enroll(
  body: object,
  headers: Record<string, string> = {},
  expected?: number,
): Promise<Agent & { status: number }> {
  const response = await call("POST", "/enroll", null, body);
  if (expected !== undefined) expect(response.statusCode, response.body).toBe(expected);
  return { ...ZEnrollResponse.parse(response.json()), headers, status: response.statusCode };
}

const checkin = (agent: Agent, hostname: string, profile: string | null = FRONTDESK) =>
  call("POST", "/checkin", agent, {
    agentVersion: "1.0.0",
    hostname,
    os,
    currentProfile: profile ? { name: profile } : null,
  });

async function helpdesk(agent: Agent, hostname: string) {
  const response = await checkin(agent, hostname);
  expect(response.statusCode, response.body).toBe(200);
  return ZCheckinResponse.parse(response.json()).helpdesk;
}

const errorOf = (response: { json: () => unknown }) => ZErrorBody.parse(response.json()).error;

async function activate(deviceId: string) {
  const technician = await createTechnicianRow();
  await setDeviceHelpdesk({
    actor: { id: technician.id, role: "technician" },
    input: { deviceId, action: "activate" },
  });
}

/**
 * The agent's view once the activation has reached the gateway: on PostgreSQL the gateway hears of
 * it by LISTEN/NOTIFY, a moment after the change commits, and answers from memory until then.
 */
async function helpdeskOnceActive(agent: Agent, hostname: string) {
  return vi.waitFor(async () => {
    const state = await helpdesk(agent, hostname);
    expect(state.active).toBe(true);
    return state;
  });
}

/** Confirms the profile's identity through the protocol, the token read from the outbox. */
async function confirm(agent: Agent, profile: string) {
  const email = `${unique("frontdesk")}@example.test`;
  expect(
    (await call("POST", "/helpdesk/identity/send-token", agent, { profile, fullName: "Front Desk", email })).statusCode,
  ).toBe(202);
  const mail = await getPrisma().outboxMessage.findFirstOrThrow({ where: { to: email } });
  const token = /^([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})$/m.exec(mail.text ?? "")![1]!;
  expect((await call("POST", "/helpdesk/identity/confirm", agent, { profile, token })).statusCode).toBe(200);
  return email;
}

const cloneOf = async (deviceId: string) =>
  (await getPrisma().device.findUniqueOrThrow({ where: { id: deviceId }, select: { cloneOfId: true } })).cloneOfId;

describe("a machineId enrolled again without proof (the issue's case)", () => {
  it("is a new device flagged as a possible clone: its CORP\\frontdesk is unconfirmed, lists no tickets, gets no portal link; PC-A keeps working", async () => {
    const customer = await createCustomerRow();
    const machineId = unique("machine");
    const pcA = await enroll(enrollBody(customer.installKey, { machineId, hostname: "PC-A" }), {}, 201);
    expect((await checkin(pcA, "PC-A")).statusCode).toBe(200);
    await activate(pcA.deviceId);
    const email = await confirm(pcA, FRONTDESK);
    const ticket = await call("POST", "/helpdesk/tickets", pcA, {
      profile: FRONTDESK,
      idempotencyKey: crypto.randomUUID(),
      title: "Printer offline",
    });
    expect(ticket.statusCode).toBe(201);

    // The clone: same machineId, same user profile name, no previous token, no hardware id.
    const pcB = await enroll(enrollBody(customer.installKey, { machineId, hostname: "PC-B" }), {}, 201);
    expect(pcB.deviceId).not.toBe(pcA.deviceId);
    expect(await cloneOf(pcB.deviceId)).toBe(pcA.deviceId);
    expect((await helpdesk(pcB, "PC-B")).identity).toBeNull();
    await activate(pcB.deviceId); // even with the Helpdesk Agent active on the clone
    expect(await helpdeskOnceActive(pcB, "PC-B")).toEqual({ active: true, identity: null, language: "en" });
    expect(errorOf(await call("GET", `/helpdesk/tickets?profile=${encodeURIComponent(FRONTDESK)}`, pcB)).code).toBe(
      "identity_unconfirmed",
    );
    expect(errorOf(await call("POST", "/helpdesk/portal-link", pcB, { profile: FRONTDESK })).code).toBe(
      "identity_unconfirmed",
    );
    expect(
      errorOf(
        await call("POST", "/helpdesk/tickets", pcB, {
          profile: FRONTDESK,
          idempotencyKey: crypto.randomUUID(),
          title: "From the clone",
        }),
      ).code,
    ).toBe("identity_unconfirmed");

    // PC-A is untouched: its token, its name, its profile's identity, its ticket, its portal link.
    expect(await helpdesk(pcA, "PC-A")).toEqual({
      active: true,
      identity: { confirmed: true, fullName: "Front Desk", email },
      language: "en",
    });
    const listed = await call("GET", `/helpdesk/tickets?profile=${encodeURIComponent(FRONTDESK)}`, pcA);
    expect(listed.json()).toMatchObject({ tickets: [{ number: ticket.json<{ number: number }>().number }] });
    expect((await call("POST", "/helpdesk/portal-link", pcA, { profile: FRONTDESK })).statusCode).toBe(200);
    const devices = await getPrisma().device.findMany({
      where: { customerId: customer.id },
      select: { id: true, hostname: true, profiles: { select: { contactId: true } } },
      orderBy: { firstSeenAt: "asc" },
    });
    expect(devices.map((device) => device.hostname)).toEqual(["PC-A", "PC-B"]);
    expect(devices[1]!.profiles.every((profile) => profile.contactId === null)).toBe(true);

    // Flagged on both, in the audit log, each naming the other.
    const flagged = await getPrisma().auditEvent.findMany({
      where: { action: "device.possible_clone", subject: { in: [`device:${pcA.deviceId}`, `device:${pcB.deviceId}`] } },
      orderBy: { subject: "asc" },
    });
    expect(flagged).toHaveLength(2);
    expect(flagged.map((event) => (event.data as { clone: string }).clone).sort()).toEqual([
      "possible clone of PC-A: same machine id, without that device's agent token or the same hardware and hostname",
      "possible clone of PC-B: same machine id, without this device's agent token or the same hardware and hostname",
    ]);
  });

  it("the same enroll sent again at once (nobody signed in yet) is the same device; once a user has signed in it is not", async () => {
    const customer = await createCustomerRow();
    const body = enrollBody(customer.installKey, { hostname: "PC-TWICE" });
    const first = await enroll(body, {}, 201);
    const again = await enroll(body, {}, 200);
    expect(again.deviceId).toBe(first.deviceId);
    expect((await checkin(first, "PC-TWICE")).statusCode).toBe(200);
    expect((await checkin(again, "PC-TWICE")).statusCode).toBe(200);
    const third = await enroll(body, {}, 201);
    expect(await cloneOf(third.deviceId)).toBe(first.deviceId);
  });
});

describe("a re-enroll that proves it is the same machine", () => {
  it("with its previous token: same device, renamed, profiles and identity kept; the old token works for its grace, then 401", async () => {
    const customer = await createCustomerRow();
    const body = enrollBody(customer.installKey, { hostname: "PC-OLD" });
    const first = await enroll(body, {}, 201);
    await checkin(first, "PC-OLD");
    const again = await enroll({ ...body, hostname: "PC-NEW", previousAgentToken: first.agentToken }, {}, 200);
    expect(again.deviceId).toBe(first.deviceId);
    expect(again.agentToken).not.toBe(first.agentToken);
    const device = await getPrisma().device.findUniqueOrThrow({
      where: { id: first.deviceId },
      include: { profiles: true },
    });
    expect(device).toMatchObject({ hostname: "PC-NEW", cloneOfId: null });
    expect(device.profiles.map((profile) => profile.name)).toEqual([FRONTDESK]);
    expect((await checkin(again, "PC-NEW")).statusCode).toBe(200);
    // The superseded token: still working (enrolls racing each other), until its grace ends.
    expect((await checkin(first, "PC-NEW")).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + TOKEN_GRACE_MS + 1000 });
    try {
      expect(errorOf(await checkin(first, "PC-NEW"))).toMatchObject({
        code: "unauthorized",
        message: expect.stringContaining("not valid (replaced by a newer one"),
      });
      expect((await checkin(again, "PC-NEW")).statusCode).toBe(200);
    } finally {
      vi.useRealTimers();
    }
    const audit = await getPrisma().auditEvent.findFirstOrThrow({
      where: { subject: `device:${first.deviceId}`, action: "device.re_enrolled" },
    });
    expect(audit.data).toMatchObject({ proof: "token", hostname: "PC-NEW" });
  });

  it("while two tokens of a device work, a change to the device reaches the agent behind either", async () => {
    const customer = await createCustomerRow();
    const body = enrollBody(customer.installKey, { hostname: "PC-TWO" });
    const first = await enroll(body, {}, 201);
    const second = await enroll(body, {}, 200);
    expect(await helpdesk(first, "PC-TWO")).toEqual({ active: false, identity: null, language: "en" });
    expect(await helpdesk(second, "PC-TWO")).toEqual({ active: false, identity: null, language: "en" });
    await activate(first.deviceId);
    expect(await helpdeskOnceActive(first, "PC-TWO")).toEqual({ active: true, identity: null, language: "en" });
    expect(await helpdesk(second, "PC-TWO")).toEqual({ active: true, identity: null, language: "en" });
  });

  it("with the same hardware id and hostname (its state was lost): same device; another hostname on that hardware is not proof", async () => {
    const customer = await createCustomerRow();
    const body = enrollBody(customer.installKey, { hostname: "PC-HW", hardwareId: "hw-0123456789" });
    const first = await enroll(body, {}, 201);
    await checkin(first, "PC-HW");
    expect((await enroll(body, {}, 200)).deviceId).toBe(first.deviceId);
    const renamed = await enroll({ ...body, hostname: "PC-HW-2" }, {}, 201);
    expect(await cloneOf(renamed.deviceId)).toBe(first.deviceId);
  });

  it("a token it held before still proves it after its grace, unless a re-enroll already exchanged it (then a copy is a clone)", async () => {
    const customer = await createCustomerRow();
    const body = enrollBody(customer.installKey, { hostname: "PC-PING" });
    const retireAll = (deviceId: string) =>
      getPrisma().deviceToken.updateMany({ where: { deviceId }, data: { retiresAt: new Date(Date.now() - 1000) } });
    // Two enrolls at once: the agent saved the first answer, whose token the second superseded.
    const saved = await enroll(body, {}, 201);
    const other = await enroll(body, {}, 200);
    await checkin(other, "PC-PING");
    await retireAll(saved.deviceId);
    expect(errorOf(await checkin(saved, "PC-PING")).code).toBe("unauthorized");
    const recovered = await enroll({ ...body, previousAgentToken: saved.agentToken }, {}, 200);
    expect(recovered.deviceId).toBe(saved.deviceId);
    expect((await checkin(recovered, "PC-PING")).statusCode).toBe(200);

    // That token is now exchanged: a second machine presenting a copy of it (a clone whose hardware
    // the agent cannot read) would otherwise take the device back every few minutes.
    await retireAll(saved.deviceId);
    const copy = await enroll({ ...body, previousAgentToken: saved.agentToken }, {}, 201);
    expect(await cloneOf(copy.deviceId)).toBe(saved.deviceId);
    const flag = await getPrisma().auditEvent.findFirstOrThrow({
      where: { subject: `device:${copy.deviceId}`, action: "device.possible_clone" },
    });
    expect(flag.data).toMatchObject({ reason: "token_already_exchanged" });
    expect((await checkin(recovered, "PC-PING")).statusCode).toBe(200);

    // The same token presented twice within its grace (the first answer was lost) is fine.
    const retried = await enroll({ ...body, previousAgentToken: recovered.agentToken }, {}, 200);
    expect((await enroll({ ...body, previousAgentToken: recovered.agentToken }, {}, 200)).deviceId).toBe(
      retried.deviceId,
    );
  });
});

describe("a disk image carrying the agent's state file (its clone checks in with the original's token)", () => {
  async function original() {
    const customer = await createCustomerRow();
    const machineId = unique("machine");
    const body = enrollBody(customer.installKey, { machineId, hostname: "PC-A", hardwareId: "hw-original-1" });
    const pcA = await enroll(
      body,
      { "x-helpline-hardware-id": "hw-original-1", "x-helpline-machine-id": machineId },
      201,
    );
    await checkin(pcA, "PC-A");
    await activate(pcA.deviceId);
    await confirm(pcA, FRONTDESK);
    return { customer, machineId, body, pcA };
  }

  it("other hardware: its token is refused, it re-enrolls as a device of its own, flagged; PC-A keeps its device", async () => {
    const { customer, machineId, body, pcA } = await original();
    // No sysprep: same machineId, same hostname; only the hardware differs.
    const copied = { ...pcA, headers: { "x-helpline-hardware-id": "hw-clone-22", "x-helpline-machine-id": machineId } };
    expect(errorOf(await checkin(copied, "PC-A"))).toMatchObject({
      code: "unauthorized",
      message: expect.stringContaining("belongs to another machine"),
    });
    expect(errorOf(await call("GET", `/helpdesk/tickets?profile=${encodeURIComponent(FRONTDESK)}`, copied)).code).toBe(
      "unauthorized",
    );
    expect(errorOf(await call("POST", "/helpdesk/portal-link", copied, { profile: FRONTDESK })).code).toBe(
      "unauthorized",
    );

    const clone = await enroll(
      { ...body, hardwareId: "hw-clone-22", previousAgentToken: pcA.agentToken },
      copied.headers,
      201,
    );
    expect(await cloneOf(clone.deviceId)).toBe(pcA.deviceId);
    expect(await helpdesk(clone, "PC-A")).toEqual({ active: false, identity: null, language: "en" });
    expect((await helpdesk(pcA, "PC-A")).identity).toMatchObject({ confirmed: true });
    const flag = await getPrisma().auditEvent.findFirstOrThrow({
      where: { subject: `device:${clone.deviceId}`, action: "device.possible_clone" },
    });
    expect(flag.data).toMatchObject({ reason: "token_from_other_hardware" });
    // Its own re-enrolls later prove it is that clone, by token or by hardware and hostname.
    expect(
      (await enroll({ ...body, hardwareId: "hw-clone-22", previousAgentToken: clone.agentToken }, {}, 200)).deviceId,
    ).toBe(clone.deviceId);
    expect((await enroll({ ...body, hardwareId: "hw-clone-22" }, {}, 200)).deviceId).toBe(clone.deviceId);
    expect(await getPrisma().device.count({ where: { customerId: customer.id } })).toBe(2);
  });

  it("sysprep gave it another machine id: its token is refused, and its enroll is flagged as a possible clone of PC-A", async () => {
    const { body, pcA } = await original();
    const copied = { ...pcA, headers: { "x-helpline-machine-id": "sysprepped-machine-guid" } };
    expect(errorOf(await checkin(copied, "PC-A"))).toMatchObject({
      code: "unauthorized",
      message: expect.stringContaining("belongs to another machine"),
    });
    const clone = await enroll(
      {
        ...body,
        machineId: "sysprepped-machine-guid",
        hostname: "DESKTOP-7Q2",
        hardwareId: null,
        previousAgentToken: pcA.agentToken,
      },
      {},
      201,
    );
    expect(await cloneOf(clone.deviceId)).toBe(pcA.deviceId);
    const flag = await getPrisma().auditEvent.findFirstOrThrow({
      where: { subject: `device:${clone.deviceId}`, action: "device.possible_clone" },
    });
    expect(flag.data).toMatchObject({ reason: "token_from_other_machine" });
    expect((await checkin(pcA, "PC-A")).statusCode).toBe(200);
  });

  it("a device enrolled before agents sent a hardware id keeps the first hardware that reports one", async () => {
    const customer = await createCustomerRow();
    const pcA = await enroll(enrollBody(customer.installKey, { hostname: "PC-OLDAGENT" }), {}, 201);
    expect(
      (await checkin({ ...pcA, headers: { "x-helpline-hardware-id": "hw-first-reporter" } }, "PC-OLDAGENT")).statusCode,
    ).toBe(200);
    expect((await getPrisma().device.findUniqueOrThrow({ where: { id: pcA.deviceId } })).hardwareId).toBe(
      "hw-first-reporter",
    );
    expect(
      errorOf(await checkin({ ...pcA, headers: { "x-helpline-hardware-id": "hw-second-reporter" } }, "PC-OLDAGENT"))
        .code,
    ).toBe("unauthorized");
    expect((await checkin(pcA, "PC-OLDAGENT")).statusCode).toBe(200); // an older agent sends no header
  });

  it("refuses malformed machine and hardware id headers with 400 naming the header", async () => {
    const customer = await createCustomerRow();
    const pcA = await enroll(enrollBody(customer.installKey), {}, 201);
    expect(errorOf(await checkin({ ...pcA, headers: { "x-helpline-hardware-id": "short" } }, "PC"))).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("x-helpline-hardware-id"),
    });
    expect(errorOf(await checkin({ ...pcA, headers: { "x-helpline-machine-id": "has space" } }, "PC"))).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("x-helpline-machine-id"),
    });
    expect(
      errorOf(await call("POST", "/enroll", null, enrollBody(customer.installKey, { hardwareId: "x" }))).message,
    ).toContain("hardwareId");
  });
});
