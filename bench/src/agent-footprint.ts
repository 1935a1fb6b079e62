import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readState } from "@helpline/agent";
import { bundleAgent } from "../../apps/agent/build.ts";
import { seedFleet } from "./fleet-fixture.ts";
import { processTree, rssMiB, startGateway, stopServer, type BenchResult } from "./harness.ts";

const PORT = 3916;
const FROM_SOURCE = path.join(import.meta.dirname, "../../apps/agent/bin/helpline-agent.js");
const SETTLE_MS = 5_000;
const WINDOW_MS = 20_000;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User + system CPU time of the tree so far, in ms. */
function cpuMs(pid: number): number {
  return processTree(pid).reduce((total, one) => {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = fs.readFileSync(`/proc/${one}/stat`, "utf8").split(") ")[1]!.split(" ");
    return total + ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  }, 0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) if (check()) return;
  throw new Error(`Agent footprint: timed out waiting for ${what}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

type Footprint = { rssMb: number; idleCpuMs: number; processes: number };

/** Enrolls a fresh agent with `program`, runs `program run`, and measures it once it has checked in. */
async function measureAgent(program: string): Promise<Footprint> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-b6-"));
  const agentEnv = { ...process.env, HELPLINE_DATA_DIR: "", DATABASE_URL: "" };
  let agent: ChildProcess | null = null;
  try {
    execFileSync(
      process.execPath,
      [
        program,
        "enroll",
        "--server",
        `http://127.0.0.1:${PORT}`,
        "--install-key",
        "bench-key-1",
        "--state-dir",
        stateDir,
      ],
      { env: agentEnv, stdio: "ignore" },
    );
    agent = spawn(process.execPath, [program, "run", "--state-dir", stateDir], { env: agentEnv, stdio: "ignore" });
    await until(() => Boolean(readState(stateDir)?.lastCheckinAt), "the agent's first check-in");
    await sleep(SETTLE_MS);
    const cpuBefore = cpuMs(agent.pid!);
    await sleep(WINDOW_MS);
    return {
      idleCpuMs: cpuMs(agent.pid!) - cpuBefore,
      rssMb: rssMiB(agent.pid!),
      processes: processTree(agent.pid!).length,
    };
  } finally {
    if (agent) await stop(agent);
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

/**
 * The agent as it runs on a workstation: the one-file bundle that ships (`npm run build`),
 * enrolled and long-polling. Its memory against a bare Node.js process idling on a timer, measured
 * in the same run, and the CPU it spends while it waits for the server's news. The same agent run
 * from source (tsx, as in the repository) is measured too, for comparison.
 */
export async function agentFootprint(): Promise<BenchResult> {
  const bundle = await bundleAgent();
  const database = await seedFleet({ count: 1, customers: 1, label: "b6" });
  const server = await startGateway({ databaseEnv: database.env, port: PORT });
  let baseline: ChildProcess | null = null;
  try {
    const shipped = await measureAgent(bundle);
    const fromSource = await measureAgent(FROM_SOURCE);
    baseline = spawn(process.execPath, ["-e", "setInterval(() => {}, 1e3)"], { stdio: "ignore" });
    await sleep(SETTLE_MS);
    const baselineRss = rssMiB(baseline.pid!);
    return {
      name: "Agent footprint",
      value: shipped.rssMb / baselineRss,
      unit: "× a bare Node.js process's RSS",
      goal: "≤ 1.5×, CPU ≈ 0 between check-ins",
      details: {
        agentRssMb: shipped.rssMb,
        baselineRssMb: baselineRss,
        idleCpuMsPerMinute: (shipped.idleCpuMs * 60_000) / WINDOW_MS,
        processes: shipped.processes,
        fromSourceRssMb: fromSource.rssMb,
        fromSourceIdleCpuMsPerMinute: (fromSource.idleCpuMs * 60_000) / WINDOW_MS,
      },
    };
  } finally {
    if (baseline) await stop(baseline);
    await stopServer(server);
    await database.drop();
  }
}
