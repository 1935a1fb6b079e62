import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getPrisma } from "@helpline/db";
import { setDeviceHelpdesk } from "@helpline/core";
import { createCustomerRow, createTechnicianRow } from "@helpline/db/testing";
import { buildGateway } from "@helpline/gateway";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AgentClient, ProtocolError } from "./agent-client.ts";
import { runCheckinLoop } from "./checkin-loop.ts";
import { main } from "./cli.ts";
import { readState } from "./state-store.ts";
import { readInventory } from "./system/inventory.ts";
import { downServer } from "./testing/down-server.ts";

let gateway: FastifyInstance;
let server: string;
beforeAll(async () => {
  gateway = await buildGateway();
  server = await gateway.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(() => gateway.close());
// The console spies come off even when a test fails half-way.
afterEach(() => void vi.restoreAllMocks());

const stateDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "helpline-agent-"));
const quiet = () => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
};

describe("the agent against a real server", () => {
  it("enrolls, checks in once with the real inventory, and reports its status", async () => {
    quiet();
    const customer = await createCustomerRow();
    const dir = stateDir();
    expect(await main(["enroll", "--server", server, "--install-key", customer.installKey, "--state-dir", dir])).toBe(
      0,
    );
    const state = readState(dir)!;
    expect(fs.statSync(path.join(dir, "agent.json")).mode & 0o777).toBe(0o600);

    expect(await main(["run", "--once", "--state-dir", dir])).toBe(0);
    const device = await getPrisma().device.findUniqueOrThrow({
      where: { id: state.deviceId },
      include: { currentProfile: true },
    });
    expect(device.customerId).toBe(customer.id);
    expect(device.hostname).toBe(os.hostname());
    expect(device.osPlatform).toBe("linux");
    expect(device.currentProfile?.name).toBe(os.userInfo().username);
    expect(readState(dir)).toMatchObject({ stateVersion: 1, helpdesk: { active: false, identity: null } });

    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    expect(await main(["status", "--state-dir", dir])).toBe(0);
    expect(log.mock.calls.flat().join("\n")).toContain("Enrolled: yes");

    // The machine keeps its id, so enrolling again is the same device with a new token.
    expect(await main(["enroll", "--server", server, "--install-key", customer.installKey, "--state-dir", dir])).toBe(
      0,
    );
    expect(readState(dir)!.deviceId).toBe(state.deviceId);
    expect(readState(dir)!.agentToken).not.toBe(state.agentToken);
  });

  it("says so when the install key is wrong, and when the token was revoked", async () => {
    quiet();
    const dir = stateDir();
    expect(await main(["enroll", "--server", server, "--install-key", "wrong-key", "--state-dir", dir])).toBe(1);
    const customer = await createCustomerRow();
    await main(["enroll", "--server", server, "--install-key", customer.installKey, "--state-dir", dir]);
    const revoked = readState(dir)!.agentToken;
    await main(["enroll", "--server", server, "--install-key", customer.installKey, "--state-dir", dir]);
    // The superseded token works for a grace (enrolls racing each other), then no more.
    await getPrisma().deviceToken.updateMany({
      where: { deviceId: readState(dir)!.deviceId },
      data: { retiresAt: new Date() },
    });
    await expect(
      new AgentClient(server, revoked).checkin({
        agentVersion: "1.0.0",
        hostname: "x",
        os: readInventory().os,
        currentProfile: null,
      }),
    ).rejects.toBeInstanceOf(ProtocolError);
  });

  it("simulates a fleet: n agents enroll and keep checking in, and simulating again reuses them", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const customer = await createCustomerRow();
    const args = [
      "simulate",
      "--server",
      server,
      "--install-key",
      customer.installKey,
      "--count",
      "3",
      "--os",
      "windows-server",
      "--profiles",
      "2",
      "--duration",
      "2",
    ];
    expect(await main(args)).toBe(0);
    const devices = await getPrisma().device.findMany({
      where: { customerId: customer.id },
      include: { currentProfile: true },
      orderBy: { hostname: "asc" },
    });
    expect(devices).toHaveLength(3);
    expect(devices.every((device) => device.osKind === "server" && device.hostname.startsWith("SIM-"))).toBe(true);
    expect(devices.map((device) => device.currentProfile?.name)).toEqual(["SIM\\user1", "SIM\\user2", "SIM\\user1"]);
    expect(log.mock.calls.flat().join("\n")).toMatch(/stopped after [1-9]\d* check-ins, 0 errors/);

    expect(await main(args)).toBe(0);
    expect(await getPrisma().device.count({ where: { customerId: customer.id } })).toBe(3);
  });

  it("backs off while the server is unreachable and carries on once it is back", async () => {
    const customer = await createCustomerRow();
    const enrolled = await new AgentClient(server).enroll({
      installKey: customer.installKey,
      machineId: `backoff-${Date.now()}`,
      hostname: "PC-BACKOFF",
      os: readInventory().os,
      agentVersion: "1.0.0",
    });

    // The server is down until the third backoff, then comes back on the same port.
    const down = await downServer();
    const delays: number[] = [];
    let revived: FastifyInstance | null = null;
    const stop = new AbortController();
    let checkins = 0;
    await runCheckinLoop({
      client: new AgentClient(down.url, enrolled.agentToken),
      readInventory,
      knownStateVersion: null,
      waitSeconds: 1,
      signal: stop.signal,
      onError: () => {},
      onCheckin: () => {
        checkins++;
        stop.abort();
      },
      sleep: async (ms) => {
        delays.push(ms);
        if (delays.length === 3) {
          const gateway = await buildGateway();
          revived = gateway;
          await down.bringUp((port) => gateway.listen({ port, host: "127.0.0.1" }));
        }
      },
    });
    await (revived as FastifyInstance | null)?.close();
    await down.release();
    expect(checkins).toBe(1);
    expect(delays).toHaveLength(3);
    expect(delays[0]).toBeGreaterThanOrEqual(500);
    expect(delays[0]).toBeLessThanOrEqual(1500);
    expect(delays[2]).toBeGreaterThanOrEqual(2000);
  });
});

describe("helpline-agent identity", () => {
  it("sends a token and confirms it from a terminal, for the user signed in now", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
    const dir = stateDir();
    const inventoryFile = path.join(dir, "inventory.json");
    fs.writeFileSync(
      inventoryFile,
      JSON.stringify({
        hostname: "PC-TERM",
        os: { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" },
        ip: null,
        currentProfile: { name: "CONTOSO\\frank", displayName: null },
      }),
    );
    process.env.HELPLINE_AGENT_INVENTORY_FILE = inventoryFile;
    try {
      const customer = await createCustomerRow();
      expect(await main(["enroll", "--server", server, "--install-key", customer.installKey, "--state-dir", dir])).toBe(
        0,
      );
      expect(await main(["run", "--once", "--state-dir", dir])).toBe(0);
      expect(
        await main(["identity", "--state-dir", dir, "--full-name", "Frank", "--email", "frank@example.test"]),
      ).toBe(1); // not active yet
      const technician = await createTechnicianRow();
      await setDeviceHelpdesk({
        actor: { id: technician.id, role: "technician" },
        input: { deviceId: readState(dir)!.deviceId, action: "activate" },
      });

      const email = `frank.${Date.now()}@example.test`;
      expect(await main(["identity", "--state-dir", dir, "--full-name", "Frank Smith", "--email", email])).toBe(0);
      expect(log.mock.calls.flat().join("\n")).toContain(`We sent a token to ${email}.`);
      const mail = await getPrisma().outboxMessage.findFirstOrThrow({ where: { to: email } });
      const token = /^([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})$/m.exec(mail.text ?? "")![1]!;
      expect(await main(["identity", "--state-dir", dir, "--token", token])).toBe(0);
      expect(log.mock.calls.flat().join("\n")).toContain(`Confirmed: Frank Smith <${email}> for CONTOSO\\frank.`);
    } finally {
      delete process.env.HELPLINE_AGENT_INVENTORY_FILE;
    }
  });
});
