import { bumpHelpdeskState, hashSecret, setDeviceHelpdesk } from "@helpline/core";
import { getPrisma } from "@helpline/db";
import { createCustomerRow, createTechnicianRow, enrollBody, unique } from "@helpline/db/testing";
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

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return gateway.inject({ method: "POST", url: `/api/agent/v1${path}`, payload: body as object, headers });
}

function checkinBody(overrides: Record<string, unknown> = {}) {
  return {
    agentVersion: "1.0.0",
    hostname: "PC-ALICE",
    os: { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" },
    ip: "10.0.0.12",
    currentProfile: { name: "CONTOSO\\alice", displayName: "Alice Martin" },
    ...overrides,
  };
}

async function enrolled(overrides: Record<string, unknown> = {}) {
  const customer = await createCustomerRow();
  const body = enrollBody(customer.installKey, { hostname: "PC-ALICE", ...overrides });
  const response = await post("/enroll", body);
  expect(response.statusCode).toBe(201);
  const { deviceId, agentToken } = ZEnrollResponse.parse(response.json());
  return { customer, body, deviceId, agentToken, auth: { authorization: `Bearer ${agentToken}` } };
}

function expectError(response: { statusCode: number; json: () => unknown }, status: number, code: string) {
  expect(response.statusCode).toBe(status);
  const body = ZErrorBody.parse(response.json());
  expect(body.error.code).toBe(code);
  return body.error.message;
}

describe("POST /enroll", () => {
  it("creates the device under the install key's customer and stores only a hash of its token", async () => {
    const { customer, deviceId, agentToken } = await enrolled();
    const device = await getPrisma().device.findUniqueOrThrow({ where: { id: deviceId } });
    expect(device).toMatchObject({
      customerId: customer.id,
      hostname: "PC-ALICE",
      osPlatform: "windows",
      osKind: "workstation",
    });
    expect(agentToken.length).toBeGreaterThanOrEqual(43);
    expect(device.agentTokenHash).toBe(hashSecret(agentToken));
    expect(JSON.stringify(device)).not.toContain(agentToken);
  });

  it("re-enrolling the same machine (proven by its token) keeps the device, issues a new token and retires the old one after a grace", async () => {
    const first = await enrolled();
    const again = await post("/enroll", { ...first.body, previousAgentToken: first.agentToken });
    expect(again.statusCode).toBe(200);
    const second = ZEnrollResponse.parse(again.json());
    expect(second.deviceId).toBe(first.deviceId);
    expect(second.agentToken).not.toBe(first.agentToken);
    await getPrisma().deviceToken.update({
      where: { tokenHash: hashSecret(first.agentToken) },
      data: { retiresAt: new Date() },
    });
    expectError(await post("/checkin", checkinBody(), first.auth), 401, "unauthorized");
    expect((await post("/checkin", checkinBody(), { authorization: `Bearer ${second.agentToken}` })).statusCode).toBe(
      200,
    );
    expect(await getPrisma().device.count({ where: { customerId: first.customer.id } })).toBe(1);
  });

  it("the same machine under another customer is another device", async () => {
    const first = await enrolled();
    const other = await createCustomerRow();
    const response = await post("/enroll", { ...first.body, installKey: other.installKey });
    expect(response.statusCode).toBe(201);
    expect(ZEnrollResponse.parse(response.json()).deviceId).not.toBe(first.deviceId);
  });

  it("refuses an unknown install key, and a rotated one", async () => {
    expectError(await post("/enroll", enrollBody("no-such-key")), 401, "invalid_install_key");
    const customer = await createCustomerRow();
    await getPrisma().customer.update({ where: { id: customer.id }, data: { installKey: unique("rotated") } });
    expectError(await post("/enroll", enrollBody(customer.installKey)), 401, "invalid_install_key");
  });

  it("names the missing or mistyped field, and ignores unknown ones", async () => {
    const customer = await createCustomerRow();
    const valid = enrollBody(customer.installKey);
    expect(
      expectError(await post("/enroll", { ...valid, os: { ...valid.os, kind: "laptop" } }), 400, "invalid_request"),
    ).toContain("os.kind");
    const { machineId: _omitted, ...withoutMachineId } = valid;
    expect(expectError(await post("/enroll", withoutMachineId), 400, "invalid_request")).toContain("machineId");
    expect(expectError(await post("/enroll", { ...valid, hostname: 42 }), 400, "invalid_request")).toContain(
      "hostname",
    );
    expect(
      expectError(await post("/enroll", { ...valid, hostname: "x".repeat(300) }), 400, "invalid_request"),
    ).toContain("hostname");
    expect((await post("/enroll", { ...valid, futureField: { nested: true } })).statusCode).toBe(201);
  });

  it("answers malformed bodies with the JSON error shape", async () => {
    const raw = (payload: string, contentType = "application/json") =>
      gateway.inject({
        method: "POST",
        url: "/api/agent/v1/enroll",
        payload,
        headers: { "content-type": contentType },
      });
    expectError(await raw("{not json"), 400, "invalid_request");
    expectError(await raw(""), 400, "invalid_request");
    expectError(await raw("[]"), 400, "invalid_request");
    expectError(await raw("installKey=x", "application/x-www-form-urlencoded"), 400, "invalid_request");
    expect(
      expectError(await raw(JSON.stringify({ installKey: "x".repeat(300 * 1024) })), 413, "payload_too_large"),
    ).toBe(
      "The request body may be at most 256 KiB (this request carried 300 KiB). Send only the fields agent-protocol.md lists for this endpoint.",
    );
  });
});

describe("POST /checkin", () => {
  it("refuses a missing, malformed or unknown token", async () => {
    expectError(await post("/checkin", checkinBody()), 401, "unauthorized");
    expectError(await post("/checkin", checkinBody(), { authorization: "Basic abc" }), 401, "unauthorized");
    expectError(
      await post("/checkin", checkinBody(), { authorization: `Bearer ${"A".repeat(43)}` }),
      401,
      "unauthorized",
    );
  });

  it("answers the state and records the signed-in profile, which appears as a new profile", async () => {
    const { deviceId, auth } = await enrolled();
    const response = await post("/checkin", checkinBody(), auth);
    expect(response.statusCode).toBe(200);
    const body = ZCheckinResponse.parse(response.json());
    expect(body).toEqual({
      stateVersion: 1,
      nextCheckinSeconds: 30,
      helpdesk: { active: false, identity: null, language: "en" },
      notifications: [],
      mspName: expect.any(String),
    });

    const device = await getPrisma().device.findUniqueOrThrow({
      where: { id: deviceId },
      include: { currentProfile: true, profiles: true },
    });
    expect(device.ip).toBe("10.0.0.12");
    expect(device.currentProfile).toMatchObject({ name: "CONTOSO\\alice", displayName: "Alice Martin" });

    await post("/checkin", checkinBody({ currentProfile: { name: "CONTOSO\\bob", displayName: null } }), auth);
    await post("/checkin", checkinBody({ currentProfile: null, hostname: "PC-RENAMED" }), auth);
    const after = await getPrisma().device.findUniqueOrThrow({ where: { id: deviceId }, include: { profiles: true } });
    expect(after.currentProfileId).toBeNull();
    expect(after.hostname).toBe("PC-RENAMED");
    expect(after.profiles.map((profile) => profile.name).sort()).toEqual(["CONTOSO\\alice", "CONTOSO\\bob"]);
  });

  it("validates the body like enroll does", async () => {
    const { auth } = await enrolled();
    expect(
      expectError(await post("/checkin", checkinBody({ waitSeconds: 56 }), auth), 400, "invalid_request"),
    ).toContain("waitSeconds");
    expect(
      expectError(await post("/checkin", checkinBody({ currentProfile: { name: "" } }), auth), 400, "invalid_request"),
    ).toContain("currentProfile.name");
    expect(
      expectError(await post("/checkin", { ...checkinBody(), os: undefined }, auth), 400, "invalid_request"),
    ).toContain("os");
  });
});

describe("long-poll", () => {
  it("holds until the wait ends when nothing changes", async () => {
    const { auth } = await enrolled();
    const started = Date.now();
    const response = await post("/checkin", checkinBody({ waitSeconds: 1, knownStateVersion: 1 }), auth);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(ZCheckinResponse.parse(response.json()).stateVersion).toBe(1);
  });

  it("answers at once when the agent's version is already stale", async () => {
    const { auth } = await enrolled();
    const started = Date.now();
    const response = await post("/checkin", checkinBody({ waitSeconds: 30, knownStateVersion: 0 }), auth);
    // Far below the 30 s hold, with room for a busy machine.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(ZCheckinResponse.parse(response.json()).stateVersion).toBe(1);
  });

  it("wakes as soon as the device's state changes", async () => {
    const { deviceId, auth } = await enrolled();
    await post("/checkin", checkinBody(), auth);
    const started = Date.now();
    const held = post("/checkin", checkinBody({ waitSeconds: 30, knownStateVersion: 1 }), auth);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await getPrisma().$transaction((tx) => bumpHelpdeskState(tx, [deviceId]));
    const response = await held;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(ZCheckinResponse.parse(response.json()).stateVersion).toBe(2);
  });

  it("tells the agent at once when the Helpdesk Agent is activated for its signed-in profile", async () => {
    const { deviceId, auth } = await enrolled();
    await post("/checkin", checkinBody(), auth);
    const held = post("/checkin", checkinBody({ waitSeconds: 30, knownStateVersion: 1 }), auth);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const technician = await createTechnicianRow();
    await setDeviceHelpdesk({
      actor: { id: technician.id, role: "technician" },
      input: { deviceId, action: "activate" },
    });
    expect(ZCheckinResponse.parse((await held).json())).toMatchObject({
      stateVersion: 2,
      helpdesk: { active: true, identity: null },
    });

    // Another user signs in: not active for them; back to the first user: active again.
    expect(
      ZCheckinResponse.parse(
        (await post("/checkin", checkinBody({ currentProfile: { name: "CONTOSO\\bob" } }), auth)).json(),
      ).helpdesk.active,
    ).toBe(false);
    expect(ZCheckinResponse.parse((await post("/checkin", checkinBody(), auth)).json()).helpdesk.active).toBe(true);
  });

  it("releases held check-ins when the gateway shuts down", async () => {
    const own = await buildGateway();
    await own.ready();
    const customer = await createCustomerRow();
    const { agentToken } = ZEnrollResponse.parse(
      (
        await own.inject({ method: "POST", url: "/api/agent/v1/enroll", payload: enrollBody(customer.installKey) })
      ).json(),
    );
    const started = Date.now();
    const held = own.inject({
      method: "POST",
      url: "/api/agent/v1/checkin",
      payload: checkinBody({ waitSeconds: 50, knownStateVersion: 1 }),
      headers: { authorization: `Bearer ${agentToken}` },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await own.close();
    const response = await held;
    expect(response.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
