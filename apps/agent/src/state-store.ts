import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { THelpdeskState, TProfileRef } from "@helpline/protocol";
import { writeFileDurably } from "./durable-file.ts";

/** What happened the last time the server refused this agent's token (for `status`). */
export type TokenRefusal = {
  at: string;
  /** The server's words. */
  reason: string;
  /** When the agent enrolled again by itself; null while it could not. */
  reEnrolledAt: string | null;
  /** The device it was before: another device now means the server took it for a clone. */
  previousDeviceId: string;
  /** Why it could not enroll again (no install key kept, the key refused); null otherwise. */
  problem: string | null;
};

/**
 * What the agent remembers between runs. The token and the install key are credentials: the file
 * is private (0600). The install key (absent in files written by older agents) lets the agent
 * enroll again by itself when the server refuses its token.
 */
export type AgentState = {
  server: string;
  deviceId: string;
  agentToken: string;
  installKey?: string;
  machineId: string;
  enrolledAt: string;
  lastCheckinAt: string | null;
  stateVersion: number | null;
  currentProfile: TProfileRef | null;
  helpdesk: THelpdeskState | null;
  tokenRefusal?: TokenRefusal | null;
};

/** `%ProgramData%\Helpline` on Windows, `~/.local/state/helpline` elsewhere. */
export function defaultStateDir(): string {
  if (process.platform === "win32") return path.join(process.env.ProgramData ?? "C:\\ProgramData", "Helpline");
  return path.join(os.homedir(), ".local", "state", "helpline");
}

const STATE_FILE = "agent.json";

/** The state saved in `stateDir`, or null when this device was never enrolled there. Throws on a file that is not JSON. */
export function readState(stateDir: string): AgentState | null {
  const file = path.join(stateDir, STATE_FILE);
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, "utf8")) as AgentState;
}

/** Written durably (temp file, fsync, rename), so a crash never leaves half a file. */
export function writeState(stateDir: string, state: AgentState): void {
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  writeFileDurably(path.join(stateDir, STATE_FILE), JSON.stringify(state, null, 2));
}
