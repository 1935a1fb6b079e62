import autocannon from "autocannon";
import { BENCH_INVENTORY, benchToken, seedFleet } from "./fleet-fixture.ts";
import { measureBaseline, startGateway, stopServer, type BenchResult } from "./harness.ts";

const DEVICES = 10_000;
const CONNECTIONS = 100;
const SECONDS = 10;

/**
 * B1 — check-in throughput: 10,000 enrolled devices, 100 connections for 10 s, each request with
 * another device's token, `waitSeconds: 0`; against a bare node:http server in the same run.
 */
export async function checkinThroughput(): Promise<BenchResult> {
  const base = await measureBaseline({ port: 3911, connections: CONNECTIONS, seconds: SECONDS });

  const database = await seedFleet({ count: DEVICES, customers: 100, label: "b1" });
  const gateway = await startGateway({ databaseEnv: database.env, port: 3912 });
  const body = JSON.stringify({ ...BENCH_INVENTORY, waitSeconds: 0 });
  let next = 0;
  const run = (limit: { duration: number } | { amount: number }) =>
    autocannon({
      url: "http://127.0.0.1:3912/api/agent/v1/checkin",
      connections: CONNECTIONS,
      ...limit,
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      requests: [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, authorization: `Bearer ${benchToken(next++ % DEVICES)}` } }) }],
    });
  // Warm-up: every device checks in once (first sight of its profile is written at once, as in
  // production); the measured run is the steady state of a fleet that changes nothing.
  const warmUp = await run({ amount: DEVICES });
  const measured = await run({ duration: SECONDS });
  await stopServer(gateway);
  await database.drop();

  return {
    name: "B1 check-in throughput",
    value: measured.requests.average / base.requestsPerSecond,
    unit: "× baseline req/s",
    goal: "≥ 0.30 ×, p99 ≤ 50 ms",
    details: {
      baselineRps: base.requestsPerSecond,
      checkinRps: measured.requests.average,
      p99Ms: measured.latency.p99,
      errors: measured.errors + measured.non2xx,
      warmUpErrors: warmUp.errors + warmUp.non2xx,
      devices: DEVICES,
    },
  };
}
