import { runServiceHost } from "./run-program.ts";

const SERVICE_STATES = new Set([
  "stopped",
  "start-pending",
  "stop-pending",
  "running",
  "continue-pending",
  "pause-pending",
  "paused",
]);

/**
 * The `Service:` line of `helpline-agent status` from the output of `helpline-service.exe --state`
 * (one word: a state of QueryServiceStatus such as "running", or "not-installed"; null when it
 * could not be run or could not ask the Service Control Manager).
 */
export function describeServiceState(output: string | null): string {
  const state = output?.trim() ?? "";
  if (SERVICE_STATES.has(state)) return `Service: HelplineAgent ${state.replace("-", " ")}`;
  if (state === "not-installed")
    return "Service: HelplineAgent is not installed (the agent runs only when started by hand)";
  return "Service: unknown (helpline-service.exe could not ask the Service Control Manager)";
}

/** The `Service:` line on Windows (asking helpline-service.exe beside the agent); null elsewhere. */
export function readServiceState(platform: NodeJS.Platform = process.platform): string | null {
  return platform === "win32" ? describeServiceState(runServiceHost(["--state"])) : null;
}
