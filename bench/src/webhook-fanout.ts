import http from "node:http";
import type { AddressInfo } from "node:net";
import { deliverDueWebhooks, enqueueWebhookEvent } from "@helpline/core";
import { getPrisma } from "@helpline/db";
import { applyMigrations } from "@helpline/db/migrate";
import { createScratchDatabase, withDatabaseEnv } from "@helpline/db/testing";
import { startGateway, stopServer, type BenchResult } from "./harness.ts";

const EVENTS = 10_000;
const ENDPOINTS = 3;
// As many writers as a busy console and gateway commit events with at once.
const WRITERS = 8;
const PORT = 3915;
// The sender's own concurrency per pass (deliver-due-webhooks.ts), for the plain-POST baseline.
const SENDER_CONCURRENCY = 8;

const percentile = (values: number[], p: number) => values.sort((a, b) => a - b)[Math.floor((values.length - 1) * p)]!;

/** A receiver that answers 204 at once and notes when each (endpoint, event id) first arrived. */
function startReceiver() {
  const firstSeen = new Map<string, number>();
  let received = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      received++;
      const key = `${request.url} ${request.headers["helpline-event-id"] ?? received}`;
      if (!firstSeen.has(key)) firstSeen.set(key, performance.now());
      response.writeHead(204).end();
    });
  });
  return new Promise<{ url: string; firstSeen: Map<string, number>; received: () => number; close: () => void }>(
    (resolve) =>
      server.listen(0, "127.0.0.1", () =>
        resolve({
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          firstSeen,
          received: () => received,
          close: () => server.close(),
        }),
      ),
  );
}

/** `count` POSTs of `body` to `url` by `concurrency` workers: what a plain HTTP client does, per second. */
async function plainPostsPerSecond(url: string, body: string, count: number, concurrency: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: false });
  let next = 0;
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(
        url,
        { method: "POST", agent, headers: { "content-type": "application/json" } },
        (response) => {
          response.resume();
          response.on("end", resolve);
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) await post();
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

/**
 * Webhook fan-out: 10,000 `ticket.created` events committed by 8 writers, each in its own
 * transaction (as the services write them), to 3 subscribed endpoints on a local receiver: 30,000
 * deliveries by the serving process's sender (the gateway, apps/gateway/src/main.ts, on
 * PostgreSQL; on the embedded database, which one process owns, the same deliverDueWebhooks passes
 * in this process). Reports deliveries per second from the first commit to the last delivery, the lag from
 * each event's commit to its delivery (p50, p95), duplicates (must be 0), and the same bodies sent
 * as plain POSTs by 8 workers in the same run (the sender's concurrency).
 */
export async function webhookFanout(): Promise<BenchResult> {
  const receiver = await startReceiver();
  const database = await createScratchDatabase({
    serverUrl: process.env.DATABASE_URL || undefined,
    label: "b15",
  });
  await applyMigrations({ config: database.config });
  const onPostgres = Boolean(process.env.DATABASE_URL);
  const env = { ...database.env, HELPLINE_WEBHOOKS_ALLOW_PRIVATE: "1" };
  const gateway = onPostgres ? await startGateway({ databaseEnv: env, port: PORT }) : null;
  const result = await withDatabaseEnv(env, async () => {
    const prisma = getPrisma();
    for (let index = 0; index < ENDPOINTS; index++)
      await prisma.webhookEndpoint.create({
        data: { url: `${receiver.url}/endpoint-${index}`, events: ["ticket.created"], secret: `whsec_bench_${index}` },
      });
    // On the embedded database this process owns the database: it sends, as a serving process would.
    let sending = !onPostgres;
    const sender = (async () => {
      while (sending)
        if ((await deliverDueWebhooks({ allowPrivate: true })).claimed === 0)
          await new Promise((r) => setTimeout(r, 20));
    })();
    const committedAt = new Map<string, number>();
    const data = {
      ticket: { id: crypto.randomUUID(), number: 1, title: "Printer jammed", status: "open", priority: "medium" },
    };
    const firstCommit = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (next++ < EVENTS) {
          const { eventId } = await prisma.$transaction((tx) =>
            enqueueWebhookEvent(tx, { type: "ticket.created", data }),
          );
          committedAt.set(eventId!, performance.now());
        }
      }),
    );
    const committedSeconds = (performance.now() - firstCommit) / 1000;
    const expected = EVENTS * ENDPOINTS;
    const deadline = Date.now() + 600_000;
    while (receiver.firstSeen.size < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    sending = false;
    await sender;
    const lags = [...receiver.firstSeen].map(([key, at]) => at - committedAt.get(key.split(" ")[1]!)!);
    const lastDelivery = Math.max(...receiver.firstSeen.values());
    return {
      delivered: receiver.firstSeen.size,
      duplicates: receiver.received() - receiver.firstSeen.size,
      deliveriesPerSecond: receiver.firstSeen.size / ((lastDelivery - firstCommit) / 1000),
      eventsCommittedPerSecond: EVENTS / committedSeconds,
      lagP50Ms: percentile(lags, 0.5),
      lagP95Ms: percentile(lags, 0.95),
      body: JSON.stringify({
        id: crypto.randomUUID(),
        type: "ticket.created",
        createdAt: new Date().toISOString(),
        data,
      }),
    };
  });
  if (gateway) await stopServer(gateway);
  await database.drop();
  const plain = await plainPostsPerSecond(`${receiver.url}/plain`, result.body, EVENTS * ENDPOINTS, SENDER_CONCURRENCY);
  receiver.close();
  return {
    name: "Webhook fan-out",
    value: result.lagP95Ms,
    unit: `ms p95 from commit to delivery, ${EVENTS.toLocaleString("en")} events × ${ENDPOINTS} endpoints`,
    goal: `every delivery once; ${Math.round(result.deliveriesPerSecond)} deliveries/s, ${(result.deliveriesPerSecond / plain).toFixed(2)}× plain POSTs in the same run`,
    details: {
      delivered: result.delivered,
      duplicates: result.duplicates,
      deliveriesPerSecond: result.deliveriesPerSecond,
      plainPostsPerSecond: plain,
      eventsCommittedPerSecond: result.eventsCommittedPerSecond,
      lagP50Ms: result.lagP50Ms,
      lagP95Ms: result.lagP95Ms,
      senderInGateway: onPostgres ? 1 : 0,
    },
  };
}
