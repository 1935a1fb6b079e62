import { readState, type AgentState } from "../state-store.ts";
import { CommandFailure } from "./define-command.ts";

/**
 * The agent's saved state in `stateDir`, for commands that need an enrolled device. Throws
 * CommandFailure (exit 1, saying to run `enroll`) when the device is not enrolled there.
 */
export function requireEnrolled(stateDir: string): AgentState {
  const state = readState(stateDir);
  if (!state)
    throw new CommandFailure(
      "This device is not enrolled yet: run `helpline-agent enroll --server <url> --install-key <key>` first.",
    );
  return state;
}
