import { spawn } from "node:child_process";
import path from "node:path";

const MAIN = path.join(import.meta.dirname, "../main.ts");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type GatewayProcess = {
  base: string;
  /** Everything the gateway wrote to stderr so far. */
  errors: () => string;
  /** Rejects if the gateway exits before `stop` is called: race it against the test's work. */
  died: Promise<never>;
  /** SIGTERM, then SIGKILL if it has not exited 10 s later; resolves once it is gone. */
  stop: () => Promise<void>;
};

/**
 * The gateway as its own process (apps/gateway/src/main.ts) on a database of the test's choice, for
 * tests of what crosses processes. Resolves once it answers `GET /api/health`. Each test gives its
 * own port range, below the ephemeral ports, so tests running side by side never collide.
 */
export async function startGatewayProcess(
  env: Record<string, string>,
  ports: { from: number; to: number },
): Promise<GatewayProcess> {
  const port = ports.from + Math.floor(Math.random() * (ports.to - ports.from + 1));
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stopping = false;
  const died = new Promise<never>((_, reject) =>
    child.once(
      "exit",
      (code, signal) =>
        stopping ||
        reject(new Error(`the gateway exited (${code ?? signal}) during the test: ${crashSummary(errors)}\n${errors}`)),
    ),
  );
  died.catch(() => {});
  const stop = async () => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    if (await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)])) return;
    console.error(`The gateway did not stop within 10 s of SIGTERM; killed.\n${errors}`);
    child.kill("SIGKILL");
    await exited;
  };
  for (let attempt = 0; attempt < 240; attempt++) {
    if (
      await fetch(`${base}/api/health`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return { base, errors: () => errors, died, stop };
    if (child.exitCode !== null) break;
    await sleep(250);
  }
  await stop();
  throw new Error(`the gateway did not start on ${base}:\n${errors}`);
}

/**
 * The lines of a crash's stderr that say what failed, first: a test summary keeps only the start of
 * an error message, and Node begins an unhandled 'error' event with its own source line. Gives the
 * `…Error: message` line and the `Emitted 'error' event on <emitter> at:` line with its first frame.
 */
export function crashSummary(stderr: string): string {
  const lines = stderr.split("\n").map((line) => line.trim());
  const error = lines.find((line) => /^[\w.]*Error\b.*:/.test(line));
  const emitted = lines.findIndex((line) => line.startsWith("Emitted 'error' event"));
  const emitter = emitted === -1 ? [] : [lines[emitted], lines[emitted + 1]];
  return [error, ...emitter].filter(Boolean).join(" ") || "(no error line on stderr)";
}
