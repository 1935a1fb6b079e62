import autocannon from "autocannon";
import type { Load } from "./harness.ts";
import { BENCH_INVENTORY, benchToken, seedFleet } from "./fleet-fixture.ts";
import { measureBaseline, startGateway, stopServer, type BenchResult } from "./harness.ts";

const DEVICES = 10_000;
const CONNECTIONS = 100;
const SECONDS = 10;

const toLoad = (result: autocannon.Result): Load => ({
  requestsPerSecond: result.requests.average,
  p99Ms: result.latency.p99,
  errors: result.errors,
  non2xx: result.non2xx,
});

/**
 * What a run's failures were, for its details: `<prefix>Timeouts` (no answer within autocannon's
 * 10 s), `<prefix>ConnectionErrors` (the other errors: resets, refusals) and `<prefix>Status<code>`
 * for each status other than 2xx that was answered.
 */
function failureBreakdown(prefix: string, result: autocannon.Result): Record<string, number> {
  const breakdown: Record<string, number> = {
    [`${prefix}Timeouts`]: result.timeouts,
    [`${prefix}ConnectionErrors`]: result.errors - result.timeouts,
  };
  for (const [code, { count = 0 }] of Object.entries(result.statusCodeStats ?? {}))
    if (!code.startsWith("2")) breakdown[`${prefix}Status${code}`] = count;
  return breakdown;
}

/**
 * Check-in throughput: 10,000 enrolled devices, 100 connections for 10 s, each request with
 * another device's token, `waitSeconds: 0`; against a bare node:http server in the same run.
 *
 * The baseline is measured twice: with plain GETs, and with the very requests the check-ins send
 * (POST, the same body, another token on each). Rebuilding a request per token costs the load
 * generator on this 2-core machine most of a core, so only the second ratio compares the servers
 * alone; both are reported.
 */
export async function checkinThroughput(): Promise<BenchResult> {
  const body = JSON.stringify({ ...BENCH_INVENTORY, waitSeconds: 0 });
  let next = 0;
  const run = (url: string, limit: { duration: number } | { amount: number }) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      ...limit,
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, authorization: `Bearer ${benchToken(next++ % DEVICES)}` },
          }),
        },
      ],
    });
  const plainBase = await measureBaseline({ port: 3911, connections: CONNECTIONS, seconds: SECONDS });
  const base = await measureBaseline({
    port: 3911,
    connections: CONNECTIONS,
    seconds: SECONDS,
    measure: async (url) => toLoad(await run(url, { duration: SECONDS })),
  });

  const database = await seedFleet({ count: DEVICES, customers: 100, label: "b1" });
  const gateway = await startGateway({ databaseEnv: database.env, port: 3912 });
  const checkin = "http://127.0.0.1:3912/api/agent/v1/checkin";
  // Warm-up: every device checks in once (first sight of its profile is written at once, as in
  // production); the measured run is the steady state of a fleet that changes nothing.
  const warmUp = await run(checkin, { amount: DEVICES });
  const measured = await run(checkin, { duration: SECONDS });
  await stopServer(gateway);
  await database.drop();

  return {
    name: "Check-in throughput",
    value: measured.requests.average / base.requestsPerSecond,
    unit: "× baseline req/s (same requests)",
    goal: "≥ 0.30 ×, p99 ≤ 50 ms",
    details: {
      baselineRps: base.requestsPerSecond,
      checkinRps: measured.requests.average,
      p99Ms: measured.latency.p99,
      errors: measured.errors + measured.non2xx,
      warmUpErrors: warmUp.errors + warmUp.non2xx,
      ...failureBreakdown("warmUp", warmUp),
      ...failureBreakdown("measured", measured),
      devices: DEVICES,
      plainGetBaselineRps: plainBase.requestsPerSecond,
      ratioToPlainGets: measured.requests.average / plainBase.requestsPerSecond,
    },
  };
}
