import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getPrisma } from "@helpline/db";
import { createCustomerRow } from "@helpline/db/testing";
import { buildGateway } from "@helpline/gateway";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { main } from "./cli.ts";
import { enrollOnFirstStart, readEnrollFailure } from "./first-start-enroll.ts";
import { readState } from "./state-store.ts";
import { downServer } from "./testing/down-server.ts";

// `run` on a machine the MSI installed: the service passes SERVER_URL / INSTALL_KEY as
// HELPLINE_ENROLL_SERVER / HELPLINE_ENROLL_KEY, and the agent enrolls with them against the real
// gateway, retrying what may get better and saying in `status` what is wrong.
let gateway: FastifyInstance;
let server: string;
beforeAll(async () => {
  gateway = await buildGateway();
  server = await gateway.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(() => gateway.close());
afterEach(() => vi.restoreAllMocks());

const stateDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "helpline-first-start-"));

/** A sleep that records each wait and stops the agent after `waits` of them (as the service's `stop` would). */
function stopAfter(waits: number, stop: AbortController, onWait: (ms: number) => Promise<void> | void = () => {}) {
  const delays: number[] = [];
  const sleep = async (ms: number) => {
    delays.push(ms);
    await onWait(ms);
    if (delays.length >= waits) stop.abort();
  };
  return { delays, sleep };
}

async function statusOf(dir: string): Promise<{ code: number; text: string }> {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const code = await main(["status", "--state-dir", dir]);
  const text = log.mock.calls.flat().join("\n");
  log.mockRestore();
  return { code, text };
}

it("enrolls with the server and key the service passes, before the first check-in", async () => {
  const customer = await createCustomerRow();
  const dir = stateDir();
  const lines: string[] = [];
  const state = await enrollOnFirstStart({
    stateDir: dir,
    env: { HELPLINE_ENROLL_SERVER: server, HELPLINE_ENROLL_KEY: customer.installKey },
    signal: new AbortController().signal,
    log: (line) => lines.push(line),
  });
  const device = await getPrisma().device.findFirstOrThrow({ where: { customerId: customer.id } });
  expect(state).toMatchObject({ server, deviceId: device.id, installKey: customer.installKey });
  expect(lines).toEqual([expect.stringMatching(/^Enrolled .+ \(device /)]);

  // Started again (the service restarts it, or an upgrade): the enrollment is kept, not redone.
  const again = await enrollOnFirstStart({
    stateDir: dir,
    env: { HELPLINE_ENROLL_SERVER: server, HELPLINE_ENROLL_KEY: "another-key" },
    signal: new AbortController().signal,
    log: (line) => lines.push(line),
  });
  expect(again?.deviceId).toBe(device.id);
  expect(lines).toHaveLength(1);
  expect(await getPrisma().device.count({ where: { customerId: customer.id } })).toBe(1);
});

it("a refused install key: one line per try, slow retries, and `status` says the key was refused", async () => {
  const dir = stateDir();
  const stop = new AbortController();
  const { delays, sleep } = stopAfter(2, stop);
  const lines: string[] = [];
  const state = await enrollOnFirstStart({
    stateDir: dir,
    env: { HELPLINE_ENROLL_SERVER: server, HELPLINE_ENROLL_KEY: "no-such-key" },
    signal: stop.signal,
    log: (line) => lines.push(line),
    sleep,
  });
  expect(state).toBeNull();
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(
    new RegExp(`^Not enrolled: the server at ${server} refused the install key \\(.+\\); retrying in \\d+ s\\.$`),
  );
  // A minute or more, doubling: a refused key does not hammer the server.
  expect(delays[0]).toBeGreaterThanOrEqual(30_000);
  expect(delays[1]).toBeGreaterThan(delays[0]! * 0.6);
  expect(readEnrollFailure(dir)).toMatchObject({ kind: "refused", server });

  const status = await statusOf(dir);
  expect(status.code).toBe(1);
  expect(status.text).toContain("Enrolled: no");
  expect(status.text).toContain(`Not enrolled yet: the server at ${server} refused the install key`);
});

it("an unreachable server is retried with the usual backoff and enrolled with once it answers", async () => {
  const customer = await createCustomerRow();
  const dir = stateDir();
  const down = await downServer();
  const late = await buildGateway();
  try {
    const lines: string[] = [];
    const stop = new AbortController();
    // After the first failure `status` says so; then the server comes up on the same address.
    const { delays, sleep } = stopAfter(5, stop, async () => {
      expect((await statusOf(dir)).text).toContain(`Not enrolled yet: the server at ${down.url} could not be reached`);
      await down.bringUp((port) => late.listen({ port, host: "127.0.0.1" }));
    });
    const state = await enrollOnFirstStart({
      stateDir: dir,
      env: { HELPLINE_ENROLL_SERVER: down.url, HELPLINE_ENROLL_KEY: customer.installKey },
      signal: stop.signal,
      log: (line) => lines.push(line),
      sleep,
    });
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeLessThanOrEqual(1_500);
    expect(lines[0]).toMatch(
      new RegExp(`^Not enrolled: the server at ${down.url} could not be reached \\(.+\\); retrying in \\d+ s\\.$`),
    );
    expect(lines[1]).toMatch(/^Enrolled /);
    expect(state?.server).toBe(down.url);
    expect(readEnrollFailure(dir)).toBeNull();
    expect(await getPrisma().device.count({ where: { customerId: customer.id } })).toBe(1);
    expect((await statusOf(dir)).text).toContain("Enrolled: yes");
  } finally {
    await down.release();
    await late.close();
  }
});

it.each([
  ["ftp://helpdesk.example.com", "key", 'SERVER_URL is not an http(s) address: "ftp://helpdesk.example.com"'],
  ["", "key", "the installer was not given SERVER_URL"],
  ["https://helpdesk.example.com", "", "the installer was not given INSTALL_KEY"],
])(
  "SERVER_URL %j with INSTALL_KEY %j: no request, one line, and it waits for the service to stop",
  async (url, key, why) => {
    const dir = stateDir();
    const stop = new AbortController();
    const { delays, sleep } = stopAfter(3, stop);
    const lines: string[] = [];
    const state = await enrollOnFirstStart({
      stateDir: dir,
      env: { HELPLINE_ENROLL_SERVER: url, HELPLINE_ENROLL_KEY: key },
      signal: stop.signal,
      log: (line) => lines.push(line),
      sleep,
    });
    expect(state).toBeNull();
    expect(lines).toEqual([expect.stringMatching(/; reinstall with the right values\.$/)]);
    expect(lines[0]).toContain(`Not enrolled: ${why}`);
    // Retrying cannot help: long naps until stopped, with nothing more in the log.
    expect(delays).toEqual([3_600_000, 3_600_000, 3_600_000]);
    expect((await statusOf(dir)).text).toContain(`Not enrolled yet: ${why}`);
    expect(readState(dir)).toBeNull();
  },
);

it("without the service's variables `run` says to enroll, as before", async () => {
  const dir = stateDir();
  const state = await enrollOnFirstStart({
    stateDir: dir,
    env: {},
    signal: new AbortController().signal,
    log: () => {},
  });
  expect(state).toBeNull();
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  expect(await main(["run", "--once", "--state-dir", dir])).toBe(1);
  expect(error.mock.calls.flat().join("\n")).toContain("This device is not enrolled yet");
  expect(fs.readdirSync(dir)).toEqual([]);
});
