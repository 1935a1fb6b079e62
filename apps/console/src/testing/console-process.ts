import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// The one-process server as `npm start` runs it (after the build that `npm test` does first): the
// compiled bundle under plain Node.
const CONSOLE_DIR = path.join(import.meta.dirname, "../..");
const SERVER_BUNDLE = path.join(CONSOLE_DIR, "dist", "server.mjs");

export type ConsoleProcess = {
  child: ReturnType<typeof spawn>;
  exited: Promise<number | null>;
  /** Everything the server wrote to stdout and stderr so far. */
  output: () => string;
};

/** Starts the built server (dist/server.mjs) in production mode on 127.0.0.1 with `env` added; throws if the console is not built. */
export function startConsoleProcess(env: Record<string, string>): ConsoleProcess {
  if (!fs.existsSync(path.join(CONSOLE_DIR, ".next", "BUILD_ID")) || !fs.existsSync(SERVER_BUNDLE))
    throw new Error("Build the console first: npm run build");
  const child = spawn(process.execPath, [SERVER_BUNDLE], {
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, exited, output: () => output };
}

/** The first answer of `url`, polling while the server starts (slow on a busy machine); throws if it exits or never answers. */
export async function waitForHealth(url: string, exited: Promise<unknown>, timeoutMs = 150_000): Promise<Response> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline && !gone;) {
    const response = await fetch(url).catch(() => null);
    if (response) return response;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    gone ? "the server exited before it answered" : `the server did not answer within ${timeoutMs / 1000} s`,
  );
}

/** SIGKILL unless it already exited (a failed check must not leave it running into the next file). */
export async function killConsoleProcess(server: ConsoleProcess | null): Promise<void> {
  if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
  await server?.exited;
}

/** A port for one test's server, below the ephemeral range; each file names its own range. */
export function pickPort(from: number, to: number): string {
  return String(from + Math.floor(Math.random() * (to - from + 1)));
}
