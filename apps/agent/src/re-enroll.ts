import { AgentClient, ProtocolError } from "./agent-client.ts";
import { backoffDelay } from "./backoff.ts";
import { sleep } from "./checkin-loop.ts";
import { formatLocalTime } from "./format-time.ts";
import { writeState, type AgentState, type TokenRefusal } from "./state-store.ts";
import { readInventory, type Inventory } from "./system/inventory.ts";
import { readMachineId } from "./system/machine-id.ts";
import type { MachineIds } from "./system/this-machine.ts";
import { AGENT_VERSION } from "./version.ts";

export type ReEnrollOptions = {
  stateDir: string;
  state: AgentState;
  /** The server's 401. */
  refusal: ProtocolError;
  machine: MachineIds;
  signal: AbortSignal;
  log: (line: string) => void;
  readInventory?: () => Inventory;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
};

/**
 * After the server refused this agent's token (401), enrolls again with the install key kept in
 * the state file, presenting the refused token and this machine's hardware id: the server keeps
 * the same device when that proves it is the same machine, and makes a new one otherwise (a
 * cloned disk). Without this an agent whose token was replaced dropped off the console for good
 * (issue 10 §1). Retries with backoff while the server cannot be reached, until `signal` aborts.
 * Records what happened in the state file for `status`. Returns the new state, or null when it
 * cannot enroll again (no install key kept, or the key refused): then a person must run `enroll`.
 */
export async function reEnroll(options: ReEnrollOptions): Promise<AgentState | null> {
  const { state, stateDir, log } = options;
  const refusal: TokenRefusal = {
    at: new Date().toISOString(),
    reason: options.refusal.message,
    reEnrolledAt: null,
    previousDeviceId: state.deviceId,
    problem: null,
  };
  const giveUp = (problem: string, advice: string) => {
    writeState(stateDir, { ...state, tokenRefusal: { ...refusal, problem } });
    log(`The server refused this device's token (${options.refusal.message}) and ${problem}: ${advice}`);
    return null;
  };
  if (!state.installKey)
    return giveUp("no install key is kept", "run `helpline-agent enroll --server <url> --install-key <key>` again.");

  const client = new AgentClient(state.server);
  const wait = options.sleep ?? sleep;
  for (let failures = 0; !options.signal.aborted;) {
    const inventory = (options.readInventory ?? readInventory)();
    const machineId = readMachineId(stateDir);
    try {
      const { deviceId, agentToken } = await client.enroll({
        installKey: state.installKey,
        machineId,
        hostname: inventory.hostname,
        os: inventory.os,
        agentVersion: AGENT_VERSION,
        previousAgentToken: state.agentToken,
        hardwareId: options.machine.hardwareId,
      });
      const now = new Date().toISOString();
      const next: AgentState = {
        ...state,
        deviceId,
        agentToken,
        machineId,
        enrolledAt: now,
        lastCheckinAt: null,
        stateVersion: null,
        currentProfile: inventory.currentProfile,
        helpdesk: null,
        tokenRefusal: { ...refusal, reEnrolledAt: now },
      };
      writeState(stateDir, next);
      log(`Re-enrolled at ${formatLocalTime(now)} after the server refused the token: ${describeOutcome(next)}.`);
      return next;
    } catch (error) {
      if (error instanceof ProtocolError)
        return giveUp(
          `enrolling again failed (${error.message})`,
          "run `helpline-agent enroll` again with the customer's current install key.",
        );
      const delay = backoffDelay(++failures);
      log(`Cannot enroll again yet (${(error as Error).message}); retrying in ${Math.round(delay / 1000)} s.`);
      await wait(delay, options.signal);
    }
  }
  return null;
}

/** "same device" or what the server decided instead, from the state after enrolling again. */
export function describeOutcome(state: AgentState): string {
  const refusal = state.tokenRefusal;
  if (!refusal || refusal.previousDeviceId === state.deviceId) return "same device";
  return `the server made this machine a new device (it was device ${refusal.previousDeviceId}), a possible clone of another machine: see its Device / Agent page in the console`;
}
