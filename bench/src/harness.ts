import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";

export type BenchResult = { name: string; value: number; unit: string; goal: string; details: Record<string, number> };

export type Load = { requestsPerSecond: number; p99Ms: number; errors: number; non2xx: number };

/** Fires `connections` concurrent clients at `url` for `seconds`, like autocannon's CLI. */
export async function load(options: { url: string; connections: number; seconds: number }): Promise<Load> {
  const result = await autocannon({ url: options.url, connections: options.connections, duration: options.seconds });
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

/** The same-run baseline of quality.md: a bare node:http server returning a fixed 200-byte JSON. */
export const BASELINE_SERVER = `
const body = JSON.stringify({ status: "ok", padding: "x".repeat(170) });
require("node:http").createServer((req, res) => { res.writeHead(200, { "content-type": "application/json" }); res.end(body); })
  .listen(Number(process.env.PORT), "127.0.0.1");`;

/**
 * The baseline's req/s under the same load as the subject: by default plain GETs; `measure` sends
 * the subject's own requests (method, body, per-request headers) to the baseline's URL, so the
 * client does the same work for both and the ratio compares the servers alone.
 */
export async function measureBaseline(options: { port: number; connections: number; seconds: number; measure?: (url: string) => Promise<Load> }): Promise<Load> {
  const url = `http://127.0.0.1:${options.port}/`;
  const baseline = await startServer({ command: process.execPath, args: ["-e", BASELINE_SERVER], env: { PORT: String(options.port) }, readyUrl: url });
  const measured = await (options.measure ?? ((target) => load({ url: target, connections: options.connections, seconds: options.seconds })))(url);
  await stopServer(baseline);
  return measured;
}

/** Starts a server process and resolves once `readyUrl` answers 200. */
export async function startServer(options: { command: string; args: string[]; env: Record<string, string>; readyUrl: string }): Promise<ChildProcess> {
  const child = spawn(options.command, options.args, { env: { ...process.env, ...options.env }, stdio: ["ignore", "ignore", "inherit"] });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${options.command} exited with ${child.exitCode}`);
    const ok = await fetch(options.readyUrl).then((response) => response.ok, () => false);
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
    args: [...(process.env.HELPLINE_BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.HELPLINE_BENCH_CPU_PROF}`] : []), "--import", "tsx", "apps/gateway/src/main.ts"],
    env: { ...options.databaseEnv, PORT: String(options.port), HOST: "127.0.0.1", HELPLINE_ADMIN_PASSWORD: "bench password 123" },
    readyUrl: `http://127.0.0.1:${options.port}/api/health`,
  });
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
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), database: process.env.DATABASE_URL ? "postgresql" : "pglite", results }, null, 2));
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
