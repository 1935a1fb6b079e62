import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** What a Windows program run under Wine did: its exit code and everything it wrote (stdout and stderr). */
export type WineRun = { code: number | null; output: string; seconds: number };

/** The environment of every Wine call on `prefix`: Wine's own chatter off, no display needed. */
export function wineEnv(prefix: string): NodeJS.ProcessEnv {
  return { ...process.env, WINEPREFIX: prefix, WINEDEBUG: "-all", WINEDLLOVERRIDES: "mscoree,mshtml=", DISPLAY: "" };
}

/**
 * A fresh 64-bit Wine prefix in a temp directory, set to Windows 10 (Node 22 refuses Wine's older
 * default; stack notes, "Windows agent"). Takes some 10–40 s: make one per run and share it.
 */
export function createWinePrefix(): string {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-wine-"));
  const result = spawnSync("wine", ["winecfg", "/v", "win10"], {
    env: wineEnv(prefix),
    stdio: "ignore",
    timeout: 180_000,
  });
  if (result.status !== 0)
    throw new Error(`wine winecfg /v win10 failed (${result.status ?? result.signal ?? result.error})`);
  return prefix;
}

/** Stops the prefix's wineserver (and with it every Wine process on it), then deletes the prefix. */
export function removeWinePrefix(prefix: string): void {
  spawnSync("wineserver", ["-k"], { env: wineEnv(prefix), stdio: "ignore", timeout: 30_000 });
  fs.rmSync(prefix, { recursive: true, force: true });
}

/**
 * Runs `exe args…` under Wine on `prefix` and resolves when it exits. node.exe's stdout/stderr
 * must not be a Linux pipe under Wine (EBADF at its first write; stack notes): both go to a file,
 * read back once it has exited. Killed (SIGKILL, code null) after `timeoutMs`.
 */
export async function runUnderWine(prefix: string, exe: string, args: string[], timeoutMs = 120_000): Promise<WineRun> {
  const log = path.join(prefix, `run-${process.pid}-${Date.now()}.log`);
  const fd = fs.openSync(log, "w");
  const started = Date.now();
  try {
    const child = spawn("wine", [exe, ...args], { env: wineEnv(prefix), stdio: ["ignore", fd, fd] });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (exitCode) => resolve(exitCode));
    }).finally(() => clearTimeout(timer));
    return { code, output: fs.readFileSync(log, "utf8"), seconds: (Date.now() - started) / 1000 };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(log, { force: true });
  }
}
