import { getPrisma } from "@helpline/db";
import { applyMigrations } from "@helpline/db/migrate";
import {
  createCustomerRow,
  createHelpdeskDeviceRow,
  createScratchDatabase,
  enrollBody,
  withDatabaseEnv,
} from "@helpline/db/testing";
import { ZEnrollResponse } from "@helpline/protocol";
import pg from "pg";
import { expect, it } from "vitest";
import { AgentClient } from "../../../agent/src/agent-client.ts";
import { runCheckinLoop } from "../../../agent/src/checkin-loop.ts";
import { startGatewayProcess } from "../testing/gateway-process.ts";

const AGENTS = 200;
const TICKETS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What a PostgreSQL restart looks like to Helpline: every connection cut at once, and new ones
 * refused for a few seconds. Done to this test's own database only (restarting the shared server
 * would break the tests running beside it).
 */
async function restartDatabase(serverUrl: string, database: string, downMs: number): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [database],
    );
    await sleep(downMs);
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
  } finally {
    await admin.end();
  }
}

it(
  "PostgreSQL restarted while 200 agents check in and 50 tickets are submitted — agents recover, every ticket stored once",
  { timeout: 180_000 },
  async () => {
    const scratch = await createScratchDatabase({ serverUrl: process.env.DATABASE_URL, label: "r2" });
    await applyMigrations({ config: scratch.config });
    const databaseName = new URL(scratch.env.DATABASE_URL!).pathname.slice(1);
    const gateway = await startGatewayProcess(scratch.env, { from: 3850, to: 3989 }).catch(async (error: unknown) => {
      await scratch.drop();
      throw error;
    });
    const base = gateway.base;
    const stop = new AbortController();
    try {
      await Promise.race([
        gateway.died,
        withDatabaseEnv(scratch.env, async () => {
          const customer = await createCustomerRow();
          const senders = await Promise.all(
            Array.from({ length: 5 }, () => createHelpdeskDeviceRow({ customerId: customer.id })),
          );

          // 200 agents running the agent's own check-in loop (long-polls of 2 s, so traffic keeps flowing).
          const enroller = new AgentClient(base);
          // Enrolled 25 at a time: the setup, not the fault under test, must not be what fails.
          const agents: AgentClient[] = [];
          for (let start = 0; start < AGENTS; start += 25) {
            const batch = await Promise.all(
              Array.from(
                { length: 25 },
                async () =>
                  ZEnrollResponse.parse(await enroller.enroll(enrollBody(customer.installKey) as never)).agentToken,
              ),
            );
            agents.push(...batch.map((token) => new AgentClient(base, token)));
          }
          // When each agent first checked in again after the database came back.
          let restoredAt = Infinity;
          const backAt = new Array<number>(AGENTS).fill(0);
          const loops = agents.map((client, index) =>
            runCheckinLoop({
              client,
              readInventory: () => ({
                hostname: `RESTART-${index}`,
                os: { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" },
                ip: null,
                currentProfile: { name: "CONTOSO\\alice" },
              }),
              knownStateVersion: null,
              waitSeconds: 2,
              onCheckin: () => {
                if (!backAt[index] && Date.now() > restoredAt) backAt[index] = Date.now();
              },
              onError: () => {},
              signal: stop.signal,
            }).catch(() => {}),
          );

          // 50 tickets, each retried (same idempotency key) until the server takes it, as the agent's queue does.
          let retries = 0;
          const keys = Array.from({ length: TICKETS }, () => crypto.randomUUID());
          // Every ticket must be stored within a minute and a half: the database is back after 4 s.
          const deadline = Date.now() + 90_000;
          const submitted = keys.map(async (idempotencyKey, index) => {
            const sender = senders[index % senders.length]!;
            await sleep(index * 60);
            // Until the test stops (also when it failed half-way: nothing keeps retrying after it).
            while (!stop.signal.aborted) {
              // With a time limit, as the agent has: a POST on a connection dropped mid-request can
              // otherwise stay pending for ever in Node's fetch.
              const response = await fetch(`${base}/api/agent/v1/helpdesk/tickets`, {
                signal: AbortSignal.timeout(15_000),
                method: "POST",
                headers: { "content-type": "application/json", authorization: `Bearer ${sender.agentToken}` },
                body: JSON.stringify({
                  profile: sender.profile.name,
                  idempotencyKey,
                  title: `Restart ticket ${index}`,
                  description: "Submitted during a database restart.",
                }),
              }).catch(() => null);
              if (response && response.status < 300) return response.status;
              expect(response === null || response.status === 503, `ticket ${index}: ${response?.status}`).toBe(true);
              retries++;
              if (Date.now() > deadline)
                throw new Error(
                  `ticket ${index} was still not stored 90 s after the test began (last answer: ${response?.status ?? "none"})`,
                );
              await sleep(300 + Math.random() * 300);
            }
            return 0;
          });

          await sleep(1000);
          await restartDatabase(scratch.env.DATABASE_URL!.replace(`/${databaseName}`, "/postgres"), databaseName, 3000);
          restoredAt = Date.now();
          const statuses = await Promise.all(submitted);
          // Every agent checks in successfully again after the database is back, by itself: within its
          // backoff (up to 24 s after five failures in a row) and the time the pool takes to refill.
          await expect.poll(() => backAt.filter(Boolean).length, { timeout: 60_000, interval: 500 }).toBe(AGENTS);
          const recoveredInMs = Math.max(...backAt) - restoredAt;
          stop.abort();
          await Promise.all(loops);

          const stored = await getPrisma().ticket.findMany({
            where: { customerId: customer.id },
            select: { idempotencyKey: true },
          });
          expect(stored).toHaveLength(TICKETS);
          expect(new Set(stored.map((ticket) => ticket.idempotencyKey))).toEqual(new Set(keys));
          expect((await fetch(`${base}/api/health`)).status).toBe(200);
          console.log(
            `Database restart: ${AGENTS} agents recovered, ${TICKETS} tickets submitted (${statuses.filter((s) => s === 201).length}× 201, ${statuses.filter((s) => s === 200).length}× 200 replay), ${retries} retries, ${stored.length} stored, 0 duplicates; the last agent back ${recoveredInMs} ms after the database was`,
          );
        }),
      ]);
      expect(gateway.errors()).not.toMatch(/internal_error|Unhandled|uncaught/i);
    } finally {
      stop.abort();
      await gateway.stop();
      await scratch.drop();
    }
  },
);
