import { readState } from "../state-store.ts";

export function statusCommand(options: { stateDir: string }): number {
  const state = readState(options.stateDir);
  if (!state) {
    console.log(`Enrolled: no (state directory ${options.stateDir})`);
    return 1;
  }
  const helpdesk = state.helpdesk ? (state.helpdesk.active ? "active" : "not active") : "unknown (no check-in yet)";
  console.log(
    [
      "Enrolled: yes",
      `Server: ${state.server}`,
      `Device: ${state.deviceId}`,
      `Last check-in: ${state.lastCheckinAt ?? "never"}`,
      `Current profile: ${state.currentProfile?.name ?? "nobody signed in"}`,
      `Helpdesk: ${helpdesk}`,
    ].join("\n"),
  );
  return 0;
}
