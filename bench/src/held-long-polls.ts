import http from "node:http";
import { BENCH_INVENTORY, benchToken, seedFleet } from "./fleet-fixture.ts";
import { rssMiB, startHelpline, stopHelpline, type BenchResult } from "./harness.ts";

const HELD = 10_000;
const WAIT_SECONDS = 30;
const RAMP_BATCH = 500;

/**
 * 10,000 check-ins held at once by the process `npm start` leaves serving (console and
 * gateway in one, as users run it): its memory, and that all end well.
 */
export async function heldLongPolls(): Promise<BenchResult> {
  const database = await seedFleet({ count: HELD, customers: 100, label: "b4" });
  const helpline = await startHelpline({ databaseEnv: database.env, port: 3913 });
  const idleRss = rssMiB(helpline.server);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const checkin = (index: number, body: object) =>
    new Promise<number>((resolve) => {
      const request = http.request(
        {
          host: "127.0.0.1",
          port: 3913,
          path: "/api/agent/v1/checkin",
          method: "POST",
          agent,
          timeout: (WAIT_SECONDS + 60) * 1000,
          headers: { "content-type": "application/json", authorization: `Bearer ${benchToken(index)}` },
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
        },
      );
      request.on("error", () => resolve(0));
      request.on("timeout", () => request.destroy());
      request.end(JSON.stringify(body));
    });

  // First sight of each device's profile is written at once; do that before holding.
  for (let start = 0; start < HELD; start += RAMP_BATCH) {
    await Promise.all(
      Array.from({ length: Math.min(RAMP_BATCH, HELD - start) }, (_, offset) =>
        checkin(start + offset, BENCH_INVENTORY),
      ),
    );
  }
  const started = Date.now();
  const held: Promise<number>[] = [];
  for (let start = 0; start < HELD; start += RAMP_BATCH) {
    for (let index = start; index < Math.min(HELD, start + RAMP_BATCH); index++)
      held.push(checkin(index, { ...BENCH_INVENTORY, waitSeconds: WAIT_SECONDS, knownStateVersion: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const heldRss = rssMiB(helpline.server);
  const statuses = await Promise.all(held);
  const heldSeconds = (Date.now() - started) / 1000;
  agent.destroy();
  await stopHelpline(helpline);
  await database.drop();
  const errors = statuses.filter((status) => status !== 200).length;
  return {
    name: "Idle long-polls",
    value: heldRss,
    unit: "MiB RSS of the npm start process with 10,000 held",
    goal: "≤ 600 MiB, no errors",
    details: { idleRssMb: idleRss, heldRssMb: heldRss, errors, held: HELD, secondsUntilAllAnswered: heldSeconds },
  };
}
