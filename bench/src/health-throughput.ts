import { createScratchDatabase } from "@helpline/db/testing";
import { load, measureBaseline, startGateway, stopServer, type BenchResult } from "./harness.ts";

const CONNECTIONS = 100;
const SECONDS = 10;

/**
 * `GET /api/health` (one `SELECT 1` per request) through the gateway process, against the bare
 * node:http baseline in the same run: the floor every agent endpoint builds on.
 */
export async function healthThroughput(): Promise<BenchResult> {
  const base = await measureBaseline({ port: 3901, connections: CONNECTIONS, seconds: SECONDS });

  const database = await createScratchDatabase({ serverUrl: process.env.DATABASE_URL || undefined, label: "bench" });
  const gateway = await startGateway({ databaseEnv: database.env, port: 3902 });
  const health = await load({ url: "http://127.0.0.1:3902/api/health", connections: CONNECTIONS, seconds: SECONDS });
  await stopServer(gateway);
  await database.drop();

  return {
    name: "Health throughput",
    value: health.requestsPerSecond / base.requestsPerSecond,
    unit: "× baseline req/s",
    goal: "informational: the check-in bar (`checkin`) is ≥ 0.30×",
    details: {
      baselineRps: base.requestsPerSecond,
      healthRps: health.requestsPerSecond,
      healthP99Ms: health.p99Ms,
      errors: health.errors + health.non2xx,
    },
  };
}
