import { getPrisma } from "@helpline/db";
import { createCustomerRow, enrollBody } from "@helpline/db/testing";
import { ZEnrollResponse } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway } from "../build-gateway.ts";

// Races on enroll: PGlite runs one transaction at a time and hides these races; PostgreSQL does not.
// Real HTTP into the real gateway, on the run's PostgreSQL database.
let gateway: FastifyInstance;
let base: string;
beforeAll(async () => {
  gateway = await buildGateway();
  base = `${await gateway.listen({ port: 0, host: "127.0.0.1" })}/api/agent/v1`;
});
afterAll(() => gateway.close());

const PARALLEL = 8;

async function enroll(body: object) {
  const response = await fetch(`${base}/enroll`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function checkinStatus(agentToken: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/checkin`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${agentToken}`, ...headers },
    body: JSON.stringify({
      agentVersion: "1.0.0",
      hostname: "PC-RACE",
      os: { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" },
      currentProfile: null,
    }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function fireAtOnce(body: object) {
  const answers = await Promise.all(Array.from({ length: PARALLEL }, () => enroll(body)));
  const statuses = answers.map((answer) => answer.status);
  console.log(`${PARALLEL} parallel enrolls of one machineId on PostgreSQL: statuses ${statuses.join(", ")}`);
  return answers;
}

describe(`${PARALLEL} enrolls of one new machineId at once, on PostgreSQL`, () => {
  it("give one device, no 5xx, and every token handed out checks in", async () => {
    const customer = await createCustomerRow();
    const body = enrollBody(customer.installKey, { hostname: "PC-RACE" });
    const answers = await fireAtOnce(body);

    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const enrolled = answers.map((answer) => ZEnrollResponse.parse(answer.body));
    expect(new Set(enrolled.map((answer) => answer.deviceId)).size).toBe(1);
    expect(await getPrisma().device.count({ where: { customerId: customer.id } })).toBe(1);
    const checkins = await Promise.all(enrolled.map((answer) => checkinStatus(answer.agentToken)));
    expect(checkins).toEqual(Array(PARALLEL).fill(200));
  });

  it("with the hardware id the agent sends: still one device, every token working", async () => {
    const customer = await createCustomerRow();
    const hardwareId = `hw-${crypto.randomUUID()}`;
    const answers = await fireAtOnce(enrollBody(customer.installKey, { hostname: "PC-RACE", hardwareId }));
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    const enrolled = answers.map((answer) => ZEnrollResponse.parse(answer.body));
    expect(new Set(enrolled.map((answer) => answer.deviceId)).size).toBe(1);
    const checkins = await Promise.all(
      enrolled.map((answer) => checkinStatus(answer.agentToken, { "x-helpline-hardware-id": hardwareId })),
    );
    expect(checkins).toEqual(Array(PARALLEL).fill(200));
  });

  it("re-enrolls of a known machine racing each other, each proving it with the same token: one device, every token working", async () => {
    const customer = await createCustomerRow();
    const body = enrollBody(customer.installKey, { hostname: "PC-RACE" });
    const first = ZEnrollResponse.parse((await enroll(body)).body);
    const answers = await fireAtOnce({ ...body, previousAgentToken: first.agentToken });
    expect(answers.map((answer) => answer.status)).toEqual(Array(PARALLEL).fill(200));
    const enrolled = answers.map((answer) => ZEnrollResponse.parse(answer.body));
    expect(new Set(enrolled.map((answer) => answer.deviceId))).toEqual(new Set([first.deviceId]));
    const checkins = await Promise.all([first, ...enrolled].map((answer) => checkinStatus(answer.agentToken)));
    expect(checkins).toEqual(Array(PARALLEL + 1).fill(200));
  });

  it("clones enrolling at once without proof become one new device each, flagged, never a 5xx", async () => {
    const customer = await createCustomerRow();
    const body = enrollBody(customer.installKey, { hostname: "PC-ORIGINAL", hardwareId: "hw-original" });
    const original = ZEnrollResponse.parse((await enroll(body)).body);
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, index) =>
        enroll({ ...body, hostname: `PC-CLONE-${index}`, hardwareId: `hw-clone-${index}` }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(PARALLEL).fill(201));
    const clones = answers.map((answer) => ZEnrollResponse.parse(answer.body));
    expect(new Set(clones.map((clone) => clone.deviceId)).size).toBe(PARALLEL);
    const devices = await getPrisma().device.findMany({
      where: { customerId: customer.id },
      select: { id: true, cloneOfId: true },
    });
    expect(devices).toHaveLength(PARALLEL + 1);
    expect(
      devices
        .filter((device) => device.id !== original.deviceId)
        .every((device) => device.cloneOfId === original.deviceId),
    ).toBe(true);
    const checkins = await Promise.all(
      clones.map((clone, index) => checkinStatus(clone.agentToken, { "x-helpline-hardware-id": `hw-clone-${index}` })),
    );
    expect(checkins).toEqual(Array(PARALLEL).fill(200));
    expect(await checkinStatus(original.agentToken, { "x-helpline-hardware-id": "hw-original" })).toBe(200);
  });
});
