import autocannon from "autocannon";
import { generateApiKeyToken } from "@helpline/core";
import { getPrisma } from "@helpline/db";
import { withDatabaseEnv } from "@helpline/db/testing";
import { BENCH_INVENTORY, benchToken, seedFleet } from "./fleet-fixture.ts";
import { p95Ms, startGateway, stopServer, type BenchResult } from "./harness.ts";
import { seedTickets } from "./ticket-list.ts";

const DEVICES = 1_000;
const CUSTOMERS = 200;
const CONNECTIONS = 50;
const SECONDS = 10;
const RUNS = 200;
const PORT = 3914;

/**
 * The REST API on the process users run (the gateway, apps/gateway/src/main.ts) at 200,000
 * tickets: `GET /api/v1/tickets` first page over HTTP with a real API key (p95 of 200 sequential
 * requests, unfiltered and filtered by status + customer), and throughput on a cached key
 * (50 connections, 10 s) against the gateway's own agent check-in in the same run, same
 * connections. The rate limit is lifted for the run (HELPLINE_API_RATE_LIMIT).
 */
export async function apiRequests(): Promise<BenchResult> {
  const database = await seedFleet({ count: DEVICES, customers: CUSTOMERS, label: "b14" });
  const { token, customerId } = await withDatabaseEnv(database.env, async () => {
    await seedTickets();
    const prisma = getPrisma();
    const technician = await prisma.technician.findFirstOrThrow({ select: { id: true } });
    const customer = await prisma.customer.findFirstOrThrow({ select: { id: true }, orderBy: { id: "asc" } });
    const key = generateApiKeyToken();
    await prisma.apiKey.create({
      data: {
        name: "bench",
        technicianId: technician.id,
        scopes: ["tickets:read"],
        tokenHash: key.tokenHash,
        prefix: key.prefix,
      },
    });
    return { token: key.token, customerId: customer.id };
  });
  const gateway = await startGateway({
    databaseEnv: { ...database.env, HELPLINE_API_RATE_LIMIT: "9999999" },
    port: PORT,
  });
  const base = `http://127.0.0.1:${PORT}`;
  const headers = { authorization: `Bearer ${token}` };
  const get = (path: string) => async () => {
    const response = await fetch(`${base}${path}`, { headers });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  const health = () => fetch(`${base}/api/health`).then((response) => response.arrayBuffer());
  const healthMs = await p95Ms(health, RUNS);
  const firstPageMs = await p95Ms(get("/api/v1/tickets"), RUNS);
  const statusCustomerMs = await p95Ms(get(`/api/v1/tickets?status=open&customerId=${customerId}`), RUNS);

  let next = 0;
  const checkin = await autocannon({
    url: `${base}/api/agent/v1/checkin`,
    connections: CONNECTIONS,
    duration: SECONDS,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...BENCH_INVENTORY, waitSeconds: 0 }),
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, authorization: `Bearer ${benchToken(next++ % DEVICES)}` },
        }),
      },
    ],
  });
  const api = await autocannon({
    url: `${base}/api/v1/tickets?limit=1&status=open&customerId=${customerId}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers,
  });
  await stopServer(gateway);
  await database.drop();
  const ratio = api.requests.average / checkin.requests.average;
  return {
    name: "REST API at 200k tickets",
    value: firstPageMs,
    unit: "ms p95, GET /api/v1/tickets first page over HTTP",
    goal: `p95 ≤ 50 ms; API throughput on a cached key ${ratio.toFixed(2)}× the check-in's in the same run`,
    details: {
      firstPageMs,
      statusCustomerMs,
      healthMs,
      apiRequestsPerSecond: api.requests.average,
      apiNon2xx: api.non2xx,
      apiErrors: api.errors,
      checkinRequestsPerSecond: checkin.requests.average,
      checkinNon2xx: checkin.non2xx,
      apiToCheckin: ratio,
    },
  };
}
