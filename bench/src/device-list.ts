import { listDevices, ZListDevicesInput } from "@helpline/core";
import { getPrisma } from "@helpline/db";
import { withDatabaseEnv } from "@helpline/db/testing";
import { seedFleet } from "./fleet-fixture.ts";
import { p95Ms, type BenchResult } from "./harness.ts";

const DEVICES = 50_000;
const RUNS = 40;

const p95 = (run: () => Promise<unknown>) => p95Ms(run, RUNS);

/** The Devices list at 50,000 devices: first page of common views, server time. */
export async function deviceList(): Promise<BenchResult> {
  const database = await seedFleet({ count: DEVICES, customers: 200, label: "d1" });
  const result = await withDatabaseEnv(database.env, async () => {
    const customer = await getPrisma().customer.findFirstOrThrow({ select: { id: true } });
    const views = {
      firstPage: {},
      customerOnline: { customerId: customer.id, status: "online" },
      search: { search: "pc-b" },
      lastSeenDesc: { sort: "lastSeen", direction: "desc" },
      page500: { page: 500 },
    };
    const baseline = await p95(() => getPrisma().$queryRaw`SELECT 1`);
    const timings: Record<string, number> = { selectOneMs: baseline };
    for (const [name, view] of Object.entries(views)) {
      const input = ZListDevicesInput.parse(view);
      timings[`${name}Ms`] = await p95(() => listDevices({ input }));
    }
    return { baseline, timings };
  });
  await database.drop();
  const worst = Math.max(
    ...Object.entries(result.timings)
      .filter(([name]) => name !== "selectOneMs")
      .map(([, ms]) => ms),
  );
  return {
    name: "Device list at 50k",
    value: worst,
    unit: "ms p95, slowest view",
    goal: `informational (the Tickets list's bar, npm run bench -- tickets, is p95 ≤ 50 ms); ${(worst / result.baseline).toFixed(0)}× a SELECT 1`,
    details: result.timings,
  };
}
