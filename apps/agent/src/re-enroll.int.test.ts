import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getPrisma } from "@helpline/db";
import { createCustomerRow } from "@helpline/db/testing";
import { buildGateway } from "@helpline/gateway";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AgentClient } from "./agent-client.ts";
import { main } from "./cli.ts";
import { readState, writeState } from "./state-store.ts";

// Issue 10 §1: an agent whose token is refused does not stop for good: it enrolls again with the
// install key it kept, presenting the refused token, and `status` says what happened.
let gateway: FastifyInstance;
let server: string;
beforeAll(async () => {
  gateway = await buildGateway();
  server = await gateway.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(() => gateway.close());
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.HELPLINE_AGENT_INVENTORY_FILE;
});

const WINDOWS = { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" } as const;

/** A state directory whose agent "runs on" the machine described (HELPLINE_AGENT_INVENTORY_FILE). */
function machine(options: { hostname: string; machineId: string; hardwareId: string | null; from?: string }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-reenroll-"));
  if (options.from) fs.copyFileSync(path.join(options.from, "agent.json"), path.join(dir, "agent.json")); // the disk image
  const inventoryFile = path.join(dir, "inventory.json");
  fs.writeFileSync(
    inventoryFile,
    JSON.stringify({
      hostname: options.hostname,
      os: WINDOWS,
      ip: null,
      currentProfile: { name: "CORP\\frontdesk", displayName: null },
      machineId: options.machineId,
      ...(options.hardwareId ? { hardwareId: options.hardwareId } : {}),
    }),
  );
  return { dir, use: () => void (process.env.HELPLINE_AGENT_INVENTORY_FILE = inventoryFile) };
}

function console_() {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  return {
    text: () => [...log.mock.calls, ...error.mock.calls].flat().join("\n"),
    clear: () => (log.mockClear(), error.mockClear()),
  };
}

async function status(dir: string, out: ReturnType<typeof console_>) {
  out.clear();
  const code = await main(["status", "--state-dir", dir]);
  return { code, text: out.text() };
}

describe("an agent whose token the server refuses", () => {
  it("copied with a disk image onto other hardware: `run` is refused, enrolls again as a device of its own (flagged), and says so; the original keeps its device", async () => {
    const out = console_();
    const customer = await createCustomerRow();
    const machineId = `image-${Date.now()}`;
    const original = machine({ hostname: "PC-A", machineId, hardwareId: "hw-original-board" });
    original.use();
    expect(
      await main(["enroll", "--server", server, "--install-key", customer.installKey, "--state-dir", original.dir]),
    ).toBe(0);
    expect(await main(["run", "--once", "--state-dir", original.dir])).toBe(0);
    const deviceA = readState(original.dir)!.deviceId;

    // Same image (same machine id, hostname, state file), another board.
    const clone = machine({ hostname: "PC-A", machineId, hardwareId: "hw-clone-board", from: original.dir });
    clone.use();
    const running = main(["run", "--state-dir", clone.dir]);
    await expect
      .poll(() => readState(clone.dir)!.lastCheckinAt !== null && readState(clone.dir)!.deviceId !== deviceA, {
        timeout: 20_000,
      })
      .toBe(true);
    process.emit("SIGINT");
    expect(await running).toBe(0);

    const cloneState = readState(clone.dir)!;
    expect(cloneState.tokenRefusal).toMatchObject({
      previousDeviceId: deviceA,
      problem: null,
      reason: expect.stringContaining("belongs to another machine"),
    });
    expect(fs.statSync(path.join(clone.dir, "agent.json")).mode & 0o777).toBe(0o600);
    const device = await getPrisma().device.findUniqueOrThrow({ where: { id: cloneState.deviceId } });
    expect(device).toMatchObject({ cloneOfId: deviceA, hostname: "PC-A", customerId: customer.id });
    const shown = await status(clone.dir, out);
    expect(shown.code).toBe(0);
    expect(shown.text).toMatch(
      /^Token: re-enrolled at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC(?:[+-]\d\d:\d\d)? after the server refused the token: the server made this machine a new device \(it was device [0-9a-f-]{36}\), a possible clone of another machine/m,
    );
    expect(shown.text).toMatch(/^Refused with: This agent token belongs to another machine/m);
    expect(shown.text).toMatch(/^Last check-in: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/m);

    original.use();
    expect(await main(["run", "--once", "--state-dir", original.dir])).toBe(0);
    expect(readState(original.dir)).toMatchObject({ deviceId: deviceA, tokenRefusal: null });
    expect((await status(original.dir, out)).text).not.toContain("Token:");
  });

  it("replaced by another enroll of this machine (it kept the older answer): `run --once` enrolls again as the same device", async () => {
    const out = console_();
    const customer = await createCustomerRow();
    const agent = machine({ hostname: "PC-RACE", machineId: `race-${Date.now()}`, hardwareId: null });
    agent.use();
    expect(
      await main(["enroll", "--server", server, "--install-key", customer.installKey, "--state-dir", agent.dir]),
    ).toBe(0);
    const first = readState(agent.dir)!;
    // The same enroll again at once (a second enroll command racing the first).
    const other = await new AgentClient(server).enroll({
      installKey: customer.installKey,
      machineId: first.machineId,
      hostname: "PC-RACE",
      os: WINDOWS,
      agentVersion: "1.0.0",
    });
    expect(other.deviceId).toBe(first.deviceId);
    // Its grace is over.
    await getPrisma().deviceToken.updateMany({ where: { deviceId: first.deviceId }, data: { retiresAt: new Date() } });

    expect(await main(["run", "--once", "--state-dir", agent.dir])).toBe(0);
    const after = readState(agent.dir)!;
    expect(after.deviceId).toBe(first.deviceId);
    expect(after.agentToken).not.toBe(first.agentToken);
    expect(after.lastCheckinAt).not.toBeNull();
    expect(after.tokenRefusal).toMatchObject({
      previousDeviceId: first.deviceId,
      reason: expect.stringContaining("not valid (replaced by a newer one"),
    });
    const shown = await status(agent.dir, out);
    expect(shown.text).toMatch(/^Token: re-enrolled at .+ UTC.* after the server refused the token: same device$/m);
    expect(shown.text).toMatch(/^Refused with: This agent token is not valid \(replaced by a newer one/m);
    expect(await getPrisma().device.count({ where: { customerId: customer.id } })).toBe(1);
  });

  it("with no install key kept (a state file of an older agent): stops, and `status` says to run enroll again", async () => {
    const out = console_();
    const customer = await createCustomerRow();
    const agent = machine({ hostname: "PC-OLD", machineId: `old-${Date.now()}`, hardwareId: null });
    agent.use();
    expect(
      await main(["enroll", "--server", server, "--install-key", customer.installKey, "--state-dir", agent.dir]),
    ).toBe(0);
    const { installKey: _kept, ...older } = readState(agent.dir)!;
    writeState(agent.dir, older);
    await new AgentClient(server).enroll({
      installKey: customer.installKey,
      machineId: older.machineId,
      hostname: "PC-OLD",
      os: WINDOWS,
      agentVersion: "1.0.0",
    });
    await getPrisma().deviceToken.updateMany({ where: { deviceId: older.deviceId }, data: { retiresAt: new Date() } });

    expect(await main(["run", "--once", "--state-dir", agent.dir])).toBe(1);
    expect(out.text()).toContain("no install key is kept");
    const shown = await status(agent.dir, out);
    expect(shown.code).toBe(1);
    expect(shown.text).toMatch(
      /^Token: refused at .+ UTC.*; no install key is kept: run `helpline-agent enroll --server http:\/\/127\.0\.0\.1:\d+ --install-key <key>` again$/m,
    );

    // Enrolling by hand presents the refused token (and keeps the key from now on).
    expect(
      await main(["enroll", "--server", server, "--install-key", customer.installKey, "--state-dir", agent.dir]),
    ).toBe(0);
    expect(readState(agent.dir)).toMatchObject({
      deviceId: older.deviceId,
      installKey: customer.installKey,
      tokenRefusal: null,
    });
    expect(await main(["run", "--once", "--state-dir", agent.dir])).toBe(0);
  });

  it("when the install key it kept was rotated: stops and says to enroll with the current key", async () => {
    const out = console_();
    const customer = await createCustomerRow();
    const agent = machine({ hostname: "PC-KEY", machineId: `key-${Date.now()}`, hardwareId: null });
    agent.use();
    expect(
      await main(["enroll", "--server", server, "--install-key", customer.installKey, "--state-dir", agent.dir]),
    ).toBe(0);
    const state = readState(agent.dir)!;
    await getPrisma().customer.update({ where: { id: customer.id }, data: { installKey: `rotated-${Date.now()}` } });
    await getPrisma().device.update({
      where: { id: state.deviceId },
      data: { agentTokenHash: `revoked-${Date.now()}` },
    });

    expect(await main(["run", "--once", "--state-dir", agent.dir])).toBe(1);
    const shown = await status(agent.dir, out);
    expect(shown.code).toBe(1);
    expect(shown.text).toContain("enrolling again failed (This install key is not valid.");
    expect(shown.text).toContain("run `helpline-agent enroll --server");
  });
});
