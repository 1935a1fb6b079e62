import { spawn } from "node:child_process";
import { createScratchDatabase } from "@helpline/db/testing";
import { rssMiB, signIn, startHelpline, stopHelpline, type BenchResult } from "./harness.ts";

const PORT = 3917;
const SETTLE_MS = 5_000;
const GOAL_POSTGRESQL_MIB = 300;
const GOAL_EMBEDDED_MIB = 450;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Idle = { servingMiB: number; treeMiB: number; readySeconds: number };

/**
 * `npm start` on a brand-new database (it migrates it and creates the admin, as a first start
 * does), a sign-in that lands on the dashboard, then a few seconds of rest: the resident memory of
 * the process serving the port (with any process it started), and of the whole tree `npm start`
 * leaves running (npm itself included).
 */
async function idleAfterSignIn(serverUrl: string | undefined): Promise<Idle> {
  const database = await createScratchDatabase({ serverUrl, label: "b7" });
  try {
    const helpline = await startHelpline({ databaseEnv: database.env, port: PORT });
    try {
      await signIn(PORT);
      await sleep(SETTLE_MS);
      return {
        servingMiB: rssMiB(helpline.server),
        treeMiB: rssMiB(helpline.pid),
        readySeconds: helpline.readySeconds,
      };
    } finally {
      await stopHelpline(helpline);
    }
  } finally {
    await database.drop();
  }
}

/** A bare Node.js process idling on a timer, measured in the same run: the floor of any Node server. */
async function bareNodeMiB(): Promise<number> {
  const baseline = spawn(process.execPath, ["-e", "setInterval(() => {}, 1e3)"], { stdio: "ignore" });
  await sleep(SETTLE_MS);
  const rss = rssMiB(baseline.pid!);
  const exited = new Promise((resolve) => baseline.once("exit", resolve));
  baseline.kill();
  await exited;
  return rss;
}

/**
 * The process `npm start` leaves serving, idle after start and a sign-in: on the embedded
 * database, and on PostgreSQL when DATABASE_URL is set. The value is the larger share of its goal
 * (≤ 1 meets both goals); the MiB figures, the whole tree's, the time to healthy and the ratio
 * against a bare Node.js process are in the details. Run `npm run build` (or `npm start`) first:
 * this measures a built checkout, so every start is a warm one.
 */
export async function serverFootprint(): Promise<BenchResult> {
  const bareMiB = await bareNodeMiB();
  const embedded = await idleAfterSignIn(undefined);
  const postgresql = process.env.DATABASE_URL ? await idleAfterSignIn(process.env.DATABASE_URL) : null;
  const shares = [
    embedded.servingMiB / GOAL_EMBEDDED_MIB,
    ...(postgresql ? [postgresql.servingMiB / GOAL_POSTGRESQL_MIB] : []),
  ];
  return {
    name: "Server footprint",
    value: Math.max(...shares),
    unit: "× goal (serving process RSS after start + sign-in)",
    goal: `≤ 1: ≤ ${GOAL_POSTGRESQL_MIB} MiB on PostgreSQL, ≤ ${GOAL_EMBEDDED_MIB} MiB embedded`,
    details: {
      embeddedMiB: embedded.servingMiB,
      embeddedTreeMiB: embedded.treeMiB,
      embeddedReadySeconds: embedded.readySeconds,
      embeddedVsBareNode: embedded.servingMiB / bareMiB,
      ...(postgresql
        ? {
            postgresqlMiB: postgresql.servingMiB,
            postgresqlTreeMiB: postgresql.treeMiB,
            postgresqlReadySeconds: postgresql.readySeconds,
            postgresqlVsBareNode: postgresql.servingMiB / bareMiB,
          }
        : {}),
      bareNodeMiB: bareMiB,
    },
  };
}
