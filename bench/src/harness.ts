import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";

export type BenchResult = { name: string; value: number; unit: string; goal: string; details: Record<string, number> };

export type Load = { requestsPerSecond: number; p99Ms: number; errors: number; non2xx: number };

/** Fires `connections` concurrent clients at `url` for `seconds`, like autocannon's CLI. */
export async function load(options: { url: string; connections: number; seconds: number }): Promise<Load> {
  const result = await autocannon({ url: options.url, connections: options.connections, duration: options.seconds });
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** The same-run baseline of quality.md: a bare node:http server returning a fixed 200-byte JSON. */
const BASELINE_SERVER = `
const body = JSON.stringify({ status: "ok", padding: "x".repeat(170) });
require("node:http").createServer((req, res) => { res.writeHead(200, { "content-type": "application/json" }); res.end(body); })
  .listen(Number(process.env.PORT), "127.0.0.1");`;

/**
 * The baseline's req/s under the same load as the subject: by default plain GETs; `measure` sends
 * the subject's own requests (method, body, per-request headers) to the baseline's URL, so the
 * client does the same work for both and the ratio compares the servers alone.
 */
export async function measureBaseline(options: {
  port: number;
  connections: number;
  seconds: number;
  measure?: (url: string) => Promise<Load>;
}): Promise<Load> {
  const url = `http://127.0.0.1:${options.port}/`;
  const baseline = await startServer({
    command: process.execPath,
    args: ["-e", BASELINE_SERVER],
    env: { PORT: String(options.port) },
    readyUrl: url,
  });
  const measured = await (
    options.measure ?? ((target) => load({ url: target, connections: options.connections, seconds: options.seconds }))
  )(url);
  await stopServer(baseline);
  return measured;
}

/** Starts a server process and resolves once `readyUrl` answers 200. */
async function startServer(options: {
  command: string;
  args: string[];
  env: Record<string, string>;
  readyUrl: string;
}): Promise<ChildProcess> {
  const child = spawn(options.command, options.args, {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${options.command} exited with ${child.exitCode}`);
    const ok = await fetch(options.readyUrl).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGKILL");
  throw new Error(`${options.readyUrl} did not answer within 120 s`);
}

/** The gateway alone (apps/gateway/src/main.ts) on a benchmark's database. */
export function startGateway(options: { databaseEnv: Record<string, string>; port: number }): Promise<ChildProcess> {
  return startServer({
    command: process.execPath,
    // HELPLINE_BENCH_CPU_PROF=<dir>: the gateway writes a V8 CPU profile there when it stops.
    args: [
      ...(process.env.HELPLINE_BENCH_CPU_PROF
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.HELPLINE_BENCH_CPU_PROF}`]
        : []),
      "--import",
      "tsx",
      "apps/gateway/src/main.ts",
    ],
    env: {
      ...options.databaseEnv,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      HELPLINE_ADMIN_PASSWORD: "bench password 123",
    },
    readyUrl: `http://127.0.0.1:${options.port}/api/health`,
  });
}

/** A process and its descendants (what it started counts against its footprint). */
export function processTree(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  const children = fs.existsSync(file)
    ? fs.readFileSync(file, "utf8").trim().split(/\s+/).filter(Boolean).map(Number)
    : [];
  return [pid, ...children.flatMap(processTree)];
}

/** Resident memory of `pid` and its descendants, in MiB, from /proc. */
export function rssMiB(pid: number): number {
  return processTree(pid).reduce((total, one) => {
    const line = fs
      .readFileSync(`/proc/${one}/status`, "utf8")
      .split("\n")
      .find((entry) => entry.startsWith("VmRSS:"));
    return total + Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
  }, 0);
}

/**
 * CPU time (user + system) spent by `pid`'s tree so far, in seconds: each live process's own and
 * that of the children it has waited for (a build's finished steps count through their parents).
 */
function cpuSeconds(pid: number): number {
  return processTree(pid).reduce((total, one) => {
    // Fields after the command name (which may hold spaces): utime, stime, cutime, cstime are the 12th to 15th.
    const fields = fs.readFileSync(`/proc/${one}/stat`, "utf8").split(") ")[1]!.split(" ");
    return total + [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0) / 100;
  }, 0);
}

/** The process among `pids` that holds the listening TCP socket on `port` (from /proc/net). */
function listeningPid(pids: number[], port: number): number | null {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").trim().split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is the 10th field.
      if (Number.parseInt(fields[1]!.split(":")[1]!, 16) === port && fields[3] === "0A") inodes.add(fields[9]!);
    }
  }
  for (const pid of pids) {
    const fds = `/proc/${pid}/fd`;
    for (const fd of fs.existsSync(fds) ? fs.readdirSync(fds) : []) {
      const target = (() => {
        try {
          return fs.readlinkSync(`${fds}/${fd}`);
        } catch {
          return "";
        }
      })();
      if (inodes.has(target.replace(/^socket:\[(\d+)\]$/, "$1"))) return pid;
    }
  }
  return null;
}

export const REPOSITORY = path.join(import.meta.dirname, "../..");

/**
 * Helpline as users run it: `npm start` in `cwd` (this checkout unless told), on its own process
 * group so that stopping it stops npm and everything under it. `server` is the process that serves
 * the port (the one whose memory users pay for); `pid` is npm's, the root of the whole tree.
 */
export type Helpline = {
  child: ChildProcess;
  pid: number;
  server: number;
  readySeconds: number;
  readyCpuSeconds: number;
  output: () => string;
};

export async function startHelpline(options: {
  databaseEnv: Record<string, string>;
  port: number;
  cwd?: string;
  timeoutSeconds?: number;
}): Promise<Helpline> {
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    cwd: options.cwd ?? REPOSITORY,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...options.databaseEnv,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      HELPLINE_ADMIN_PASSWORD: BENCH_ADMIN.password,
      HELPLINE_ADMIN_EMAIL: BENCH_ADMIN.email,
    },
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const helpline = { child, pid: child.pid!, server: 0, readySeconds: 0, readyCpuSeconds: 0, output: () => output };
  const deadline = Date.now() + (options.timeoutSeconds ?? 600) * 1000;
  while (Date.now() < deadline && child.exitCode === null) {
    const ok = await fetch(`http://127.0.0.1:${options.port}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) {
      helpline.readySeconds = (performance.now() - started) / 1000;
      helpline.readyCpuSeconds = cpuSeconds(helpline.pid);
      helpline.server = listeningPid(processTree(helpline.pid), options.port) ?? 0;
      if (!helpline.server) break;
      return helpline;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stopHelpline(helpline);
  throw new Error(`npm start did not become healthy (or its serving process was not found):\n${output.slice(-2000)}`);
}

/** Stops the whole `npm start` tree (SIGTERM to its process group) and waits for it to go. */
export async function stopHelpline(helpline: Helpline): Promise<void> {
  const pids = processTree(helpline.pid);
  try {
    process.kill(-helpline.pid, "SIGTERM");
  } catch {
    return;
  }
  for (
    const deadline = Date.now() + 30_000;
    Date.now() < deadline;
    await new Promise((resolve) => setTimeout(resolve, 100))
  ) {
    if (
      pids.every(
        (pid) =>
          !fs.existsSync(`/proc/${pid}`) ||
          fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.startsWith("Z"),
      )
    )
      return;
  }
  process.kill(-helpline.pid, "SIGKILL");
}

const BENCH_ADMIN = { email: "bench@helpline.test", password: "bench password 123" };

/**
 * Signs the bench admin in through Auth.js's credentials endpoint, as the sign-in form does, and
 * opens the page the sign-in lands on. Returns the session cookie.
 */
export async function signIn(port: number): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      cookies.set(name!, value.join("="));
    }
  };
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const form = new URLSearchParams({
    email: BENCH_ADMIN.email,
    password: BENCH_ADMIN.password,
    csrfToken,
    callbackUrl: "/",
  });
  const callback = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { cookie: cookieHeader() },
  });
  keep(callback);
  // Auth.js answers with an absolute URL on the host it was told; follow its path on our address.
  const landing = await fetch(new URL(new URL(callback.headers.get("location") ?? "/", base).pathname, base), {
    headers: { cookie: cookieHeader() },
    redirect: "manual",
  });
  await landing.text();
  if (landing.status !== 200)
    throw new Error(`signing in landed on ${landing.status} ${landing.headers.get("location") ?? ""}`);
  return cookieHeader();
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

export function writeResults(results: BenchResult[]): string {
  const dir = path.join(import.meta.dirname, "../results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "latest.json");
  fs.writeFileSync(
    file,
    JSON.stringify(
      { at: new Date().toISOString(), database: process.env.DATABASE_URL ? "postgresql" : "pglite", results },
      null,
      2,
    ),
  );
  return file;
}

/** p95 of `runs` sequential calls of a server-side function, in ms, after one untimed warm-up call. */
export async function p95Ms(run: () => Promise<unknown>, runs: number): Promise<number> {
  await run();
  const times: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs * 0.95)]!;
}
