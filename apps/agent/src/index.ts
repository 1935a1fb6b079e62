// What other workspaces reuse of the agent (the benchmarks drive real agent loops).
export { AgentClient } from "./agent-client.ts";
export { runCheckinLoop } from "./checkin-loop.ts";
export { readState } from "./state-store.ts";
