import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createScratchDatabase } from "@helpline/db/testing";
import { REPOSITORY, startHelpline, stopHelpline, type BenchResult } from "./harness.ts";

const PORT = 3918;
const GOAL_SECONDS = 60;

/**
 * Time from `npm start` to a healthy server in `cwd`, on a brand-new embedded database, and the CPU
 * time its tree spent meanwhile (what a busy machine stretches, the wall time, shows less here).
 */
async function secondsToHealthy(cwd: string): Promise<{ wall: number; cpu: number }> {
  const database = await createScratchDatabase({ label: "b7start" });
  try {
    const helpline = await startHelpline({ databaseEnv: database.env, port: PORT, cwd });
    await stopHelpline(helpline);
    return { wall: helpline.readySeconds, cpu: helpline.readyCpuSeconds };
  } finally {
    await database.drop();
  }
}

/**
 * A fresh clone of this checkout's HEAD, `npm ci`, then the first `npm start`: from
 * the command to a healthy server, which includes the whole build (nothing is cached in a new
 * clone). Then a second `npm start` in the same clone (everything cached: the warm start). `npm
 * ci` is timed too but not counted: it is the install, not the start.
 */
export async function firstStart(): Promise<BenchResult> {
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-first-start-"));
  try {
    execFileSync("git", ["clone", "--quiet", "--no-hardlinks", REPOSITORY, clone], { stdio: "inherit" });
    const installStarted = performance.now();
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
      cwd: clone,
      stdio: "ignore",
    });
    const installSeconds = (performance.now() - installStarted) / 1000;
    const cold = await secondsToHealthy(clone);
    const warm = await secondsToHealthy(clone);
    return {
      name: "First start",
      value: cold.wall,
      unit: "s from npm start to healthy on a fresh clone",
      goal: `< ${GOAL_SECONDS} s`,
      details: {
        coldSeconds: cold.wall,
        coldCpuSeconds: cold.cpu,
        warmSeconds: warm.wall,
        warmCpuSeconds: warm.cpu,
        coldVsWarm: cold.wall / warm.wall,
        npmCiSeconds: installSeconds,
        cores: os.availableParallelism(),
      },
    };
  } finally {
    fs.rmSync(clone, { recursive: true, force: true });
  }
}
