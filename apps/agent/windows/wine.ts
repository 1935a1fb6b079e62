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

/** Where a Windows path (`C:\…`) of `prefix` is on Linux. */
export function linuxPath(prefix: string, windowsPath: string): string {
  const [drive, ...parts] = windowsPath.split("\\");
  return path.join(prefix, `drive_${drive!.replace(":", "").toLowerCase()}`, ...parts);
}

/** The service's name and where installService puts its programs. */
export const SERVICE_NAME = "HelplineAgent";
export const INSTALL_DIR = "C:\\Program Files\\Helpline";

/**
 * Installs the service by hand (helper "msi" does it with the MSI): copies `programs` (Linux paths
 * of helpline-service.exe, helpline-agent.exe, …) into INSTALL_DIR and registers HelplineAgent with
 * Wine's `sc create` (demand start, LocalSystem). Throws with sc's output when it fails.
 */
export async function installService(prefix: string, programs: string[]): Promise<void> {
  const dir = linuxPath(prefix, INSTALL_DIR);
  fs.mkdirSync(dir, { recursive: true });
  for (const program of programs) fs.copyFileSync(program, path.join(dir, path.basename(program)));
  const binPath = `"${INSTALL_DIR}\\helpline-service.exe"`;
  const created = await runUnderWine(prefix, "sc", [
    "create",
    SERVICE_NAME,
    "binPath=",
    binPath,
    "start=",
    "demand",
    "DisplayName=",
    "Helpline Agent",
  ]);
  if (created.code !== 0) throw new Error(`sc create ${SERVICE_NAME} failed (${created.code}): ${created.output}`);
}

/** `net start HelplineAgent` / `net stop HelplineAgent` under Wine: what net said, and its exit code. */
export function controlService(prefix: string, verb: "start" | "stop"): Promise<WineRun> {
  return runUnderWine(prefix, "net", [verb, SERVICE_NAME], 60_000);
}

/**
 * Keeps a Wine program running on `prefix` (cmd.exe waiting on its stdin) until the returned
 * function is called: Wine ends its services (and so helpline-service.exe) a few seconds after
 * the last ordinary program of the prefix exits, where Windows keeps them running.
 */
export function keepWineRunning(prefix: string): () => Promise<void> {
  const holder = spawn("wine", ["cmd"], { env: wineEnv(prefix), stdio: ["pipe", "ignore", "ignore"] });
  const exited = new Promise<void>((resolve) => holder.once("exit", () => resolve()));
  return async () => {
    holder.stdin!.end("exit\r\n");
    const timer = setTimeout(() => holder.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
}

/**
 * Waits until `file` (a log the Windows side appends to) has a line matching `pattern` after its
 * first `from` characters, polling every 200 ms. Resolves with the match and the file's length
 * then (a `from` for the next wait); throws, quoting the file's end, after `timeoutMs`.
 */
export async function waitForLog(
  file: string,
  pattern: RegExp,
  timeoutMs: number,
  from = 0,
): Promise<{ match: RegExpMatchArray; end: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    const match = text.slice(from).match(pattern);
    if (match) return { match, end: text.length };
    if (Date.now() > deadline)
      throw new Error(
        `${path.basename(file)} has no line matching ${pattern} after ${timeoutMs} ms; it ends:\n${text.slice(-2000)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The Linux process id of the Windows program `exe` (its file name, e.g. `helpline-agent.exe`,
 * any case) running on `prefix`, or null. Wine runs each Windows process as one Linux process
 * whose command line names the program and whose environment holds WINEPREFIX.
 */
export function findWineProcess(prefix: string, exe: string): number | null {
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").toLowerCase().includes(exe.toLowerCase())) continue;
      if (fs.readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`WINEPREFIX=${prefix}`))
        return Number(entry);
    } catch {
      // It ended while being read, or is not ours to read.
    }
  }
  return null;
}

/**
 * The image names of the Windows processes running on `prefix` now, from `wmic process get name`
 * (Wine's `tasklist` prints nothing). wmic writes UTF-16: its NULs and byte-order mark are dropped.
 */
export async function windowsProcesses(prefix: string): Promise<string[]> {
  const listed = await runUnderWine(prefix, "wmic", ["process", "get", "name"], 30_000);
  if (listed.code !== 0) throw new Error(`wmic failed (${listed.code}): ${listed.output}`);
  return listed.output
    .replaceAll("\u0000", "")
    .replace(/[\ufeff\ufffd]/g, "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((name) => /\.exe$/i.test(name));
}
