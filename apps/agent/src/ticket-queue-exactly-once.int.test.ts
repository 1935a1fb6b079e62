import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getPrisma } from "@helpline/db";
import { createCustomerRow, createHelpdeskDeviceRow } from "@helpline/db/testing";
import { buildGateway } from "@helpline/gateway";
import type { FastifyInstance } from "fastify";
import { expect, it } from "vitest";
import { writeState } from "./state-store.ts";
import { downServer } from "./testing/down-server.ts";
import { TicketQueue } from "./tickets/ticket-queue.ts";

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../bin/helpline-agent.js");
const TICKETS = 5;
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

type Agent = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function agent(args: string[], env: NodeJS.ProcessEnv): Agent {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The ticket queue's promise: a ticket the agent has saved on disk reaches the server exactly once,
// whatever happens to the agent in between (server down, `run` killed, two `run`s at once).
it(
  "tickets queued by the real CLI while the server is down, with `run` SIGKILLed, are each delivered exactly once after restart",
  { timeout: 90_000 },
  async () => {
    const customer = await createCustomerRow();
    const { device, agentToken, profile } = await createHelpdeskDeviceRow({ customerId: customer.id });
    const down = await downServer();
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-queue-"));
    writeState(stateDir, {
      server: down.url,
      deviceId: device.id,
      agentToken,
      machineId: `queue-${device.id}`,
      enrolledAt: new Date().toISOString(),
      lastCheckinAt: null,
      stateVersion: null,
      currentProfile: null,
      helpdesk: null,
    });
    const inventoryFile = path.join(stateDir, "inventory.json");
    fs.writeFileSync(
      inventoryFile,
      JSON.stringify({
        hostname: "PC-QUEUE",
        os: { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" },
        ip: "10.0.0.4",
        currentProfile: { name: profile.name, displayName: "Alice Martin" },
        machineId: device.machineId,
      }),
    );
    const screenshot = path.join(stateDir, "error.png");
    fs.writeFileSync(screenshot, PNG);
    const env = { HELPLINE_AGENT_INVENTORY_FILE: inventoryFile };
    const run = `Queued ${Date.now()}`;
    const children: Agent[] = [];
    let gateway: FastifyInstance | null = null;
    try {
      // The server is down: every `ticket` saves its ticket and says so, exit 0.
      const cli = Array.from({ length: TICKETS }, (_, index) =>
        agent(
          [
            "ticket",
            "--title",
            `${run} #${index + 1}`,
            "--description",
            "Queued while offline.",
            "--attach",
            screenshot,
            "--state-dir",
            stateDir,
          ],
          env,
        ),
      );
      children.push(...cli);
      expect(await Promise.all(cli.map((one) => one.exited))).toEqual(Array(TICKETS).fill(0));
      for (const one of cli)
        expect(one.output()).toContain(
          "Server unreachable: ticket saved, it will be sent when the server can be reached (run `helpline-agent run`).",
        );

      // `run` starts, tries the server and the queue, and is killed without warning.
      const doomed = agent(["run", "--state-dir", stateDir], env);
      children.push(doomed);
      await until(() => doomed.output().includes("Check-in failed"), 20_000, "the first failed check-in");
      doomed.child.kill("SIGKILL");
      await doomed.exited;

      const queued = new TicketQueue(stateDir).pending();
      const keys = queued.map((entry) => entry.meta.idempotencyKey);
      expect(new Set(keys).size).toBe(TICKETS);

      // The server comes back; two agents on the same queue at once is the worst case for duplicates.
      const revivedGateway = await buildGateway();
      gateway = revivedGateway;
      await down.bringUp((port) => revivedGateway.listen({ port, host: "127.0.0.1" }));
      const revived = [agent(["run", "--state-dir", stateDir], env), agent(["run", "--state-dir", stateDir], env)];
      children.push(...revived);
      const delivered = () =>
        getPrisma().ticket.count({ where: { deviceId: device.id, idempotencyKey: { in: keys } } });
      await until(
        async () => (await delivered()) >= TICKETS && new TicketQueue(stateDir).pending().length === 0,
        45_000,
        "every queued ticket to arrive",
      );
      // Give a would-be duplicate time to land before counting.
      await new Promise((resolve) => setTimeout(resolve, 1_000));

      const rows = await getPrisma().ticket.findMany({
        where: { deviceId: device.id, title: { startsWith: run } },
        include: { _count: { select: { attachments: true } } },
      });
      const duplicates = rows.length - new Set(rows.map((row) => row.title)).size;
      console.log(`Ticket queue: ${queued.length} queued, ${await delivered()} delivered, ${duplicates} duplicates`);
      expect(rows).toHaveLength(TICKETS);
      expect(duplicates).toBe(0);
      expect(rows.every((row) => row._count.attachments === 1)).toBe(true);
      expect(new TicketQueue(stateDir).failed()).toEqual([]);
    } finally {
      for (const one of children)
        if (one.child.exitCode === null && one.child.signalCode === null) one.child.kill("SIGTERM");
      await Promise.all(children.map((one) => one.exited));
      await gateway?.close();
      await down.release();
    }
  },
);
