import { execFileSync } from "node:child_process";
import path from "node:path";

/**
 * Runs a program and returns its standard output (UTF-8), or null when it cannot be started,
 * exits non-zero or runs longer than 15 s. No window on Windows; stderr is dropped.
 */
export function runProgram(command: string, args: string[]): string | null {
  try {
    return execFileSync(command, args, {
      encoding: "utf8",
      windowsHide: true,
      timeout: 15_000,
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return null;
  }
}

/**
 * Runs `helpline-service.exe` (the Windows service host, installed beside helpline-agent.exe)
 * with `args`, for what Node cannot ask Windows itself (`--hardware-id`, `--state`); its output,
 * or null as runProgram.
 */
export function runServiceHost(args: string[]): string | null {
  return runProgram(path.join(path.dirname(process.execPath), "helpline-service.exe"), args);
}
