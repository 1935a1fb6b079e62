import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { THelpdeskState, TProfileRef } from "@helpline/protocol";
import { writeFileDurably } from "./durable-file.ts";

/** What the agent remembers between runs. The token is a credential: the file is private (0600). */
export type AgentState = {
  server: string;
  deviceId: string;
  agentToken: string;
  machineId: string;
  enrolledAt: string;
  lastCheckinAt: string | null;
  stateVersion: number | null;
  currentProfile: TProfileRef | null;
  helpdesk: THelpdeskState | null;
};

export function defaultStateDir(): string {
  if (process.platform === "win32") return path.join(process.env.ProgramData ?? "C:\\ProgramData", "Helpline");
  return path.join(os.homedir(), ".local", "state", "helpline");
}

const STATE_FILE = "agent.json";

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
