import { describeEnrollFailure, readEnrollFailure } from "../first-start-enroll.ts";
import { formatLocalTime } from "../format-time.ts";
import { describeOutcome } from "../re-enroll.ts";
import { readState, type AgentState } from "../state-store.ts";
import { readServiceState } from "../system/service-state.ts";
import { defineCommand, STATE_DIR_OPTION, stateDirOption } from "./define-command.ts";

/** What became of the last token the server refused: re-enrolled (and as what), or what to do; and why. */
function tokenLines(state: AgentState): string[] {
  const refusal = state.tokenRefusal;
  if (!refusal) return [];
  const outcome = refusal.reEnrolledAt
    ? `Token: re-enrolled at ${formatLocalTime(refusal.reEnrolledAt)} after the server refused the token: ${describeOutcome(state)}`
    : `Token: refused at ${formatLocalTime(refusal.at)}; ${refusal.problem ?? "not enrolled again yet"}: run \`helpline-agent enroll --server ${state.server} --install-key <key>\` again`;
  return [outcome, `Refused with: ${refusal.reason}`];
}

/**
 * Prints what the state file says (times in the machine's zone), or why enrolling on first start
 * has not worked yet, and on Windows the state of the service HelplineAgent; exit 1 when not enrolled or the token was refused for good.
 */
function statusCommand(options: { stateDir: string }): number {
  const state = readState(options.stateDir);
  const service = readServiceState();
  if (!state) {
    const failure = readEnrollFailure(options.stateDir);
    console.log(
      [
        `Enrolled: no (state directory ${options.stateDir})`,
        ...(service ? [service] : []),
        ...(failure
          ? [`Not enrolled yet: ${describeEnrollFailure(failure)} (last try ${formatLocalTime(failure.at)})`]
          : []),
      ].join("\n"),
    );
    return 1;
  }
  const helpdesk = state.helpdesk ? (state.helpdesk.active ? "active" : "not active") : "unknown (no check-in yet)";
  console.log(
    [
      `Enrolled: yes, at ${formatLocalTime(state.enrolledAt)}`,
      `Server: ${state.server}`,
      `Device: ${state.deviceId}`,
      ...(service ? [service] : []),
      ...tokenLines(state),
      `Last check-in: ${state.lastCheckinAt ? formatLocalTime(state.lastCheckinAt) : "never"}`,
      `Current profile: ${state.currentProfile?.name ?? "nobody signed in"}`,
      `Helpdesk: ${helpdesk}`,
    ].join("\n"),
  );
  // A refused token nobody could replace: the agent is not checking in.
  return state.tokenRefusal && !state.tokenRefusal.reEnrolledAt ? 1 : 0;
}

export const status = defineCommand({
  name: "status",
  synopsis: ["status"],
  summary: ["show enrollment and helpdesk state"],
  options: { ...STATE_DIR_OPTION },
  run: (values) => statusCommand({ stateDir: stateDirOption(values["state-dir"]) }),
});
