import { createHash } from "node:crypto";
import type { TOsInfo } from "@helpline/protocol";
import { AgentClient } from "../agent-client.ts";
import { runCheckinLoop } from "../checkin-loop.ts";
import type { Inventory } from "../system/inventory.ts";
import { AGENT_VERSION } from "../version.ts";
import { defineCommand, oneOfOption, requiredOption, serverUrlOption, wholeNumberOption } from "./define-command.ts";

const SIMULATED_OS = {
  "windows-workstation": { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" },
  "windows-server": {
    platform: "windows",
    name: "Windows Server 2022 Standard",
    version: "10.0.20348",
    kind: "server",
  },
  linux: { platform: "linux", name: "Ubuntu 24.04 LTS", version: "24.04", kind: "server" },
} as const satisfies Record<string, TOsInfo>;
type SimulatedOs = keyof typeof SIMULATED_OS;

type SimulateOptions = {
  server: string;
  installKey: string;
  count: number;
  startIndex: number;
  os: SimulatedOs;
  profiles: number;
  durationSeconds: number | null;
};

const ENROLL_CONCURRENCY = 20;

/** Device i of a fleet: stable across runs (same machineId), so simulating again reuses devices. */
function simulatedInventory(
  options: Pick<SimulateOptions, "installKey" | "os" | "profiles">,
  index: number,
): Inventory & { machineId: string; hardwareId: string } {
  const fleet = createHash("sha256").update(options.installKey).digest("hex").slice(0, 8);
  const user = options.profiles > 0 ? `SIM\\user${(index % options.profiles) + 1}` : null;
  return {
    machineId: `sim-${fleet}-${index}`,
    // With the same hostname, what proves "the same machine" when simulating again.
    hardwareId: `sim-hardware-${fleet}-${index}`,
    hostname: `SIM-${fleet.toUpperCase()}-${String(index + 1).padStart(5, "0")}`,
    os: SIMULATED_OS[options.os],
    ip: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
    currentProfile: user ? { name: user, displayName: `Simulated ${user.slice(4)}` } : null,
  };
}

/**
 * n agents in one process, each running the real check-in loop with a fake inventory: for demos,
 * benchmarks and load tests.
 */
async function simulateCommand(options: SimulateOptions): Promise<number> {
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  process.once("SIGTERM", () => stop.abort());

  const agents: { client: AgentClient; inventory: Inventory }[] = [];
  const enrollClient = new AgentClient(options.server);
  for (let start = 0; start < options.count; start += ENROLL_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(ENROLL_CONCURRENCY, options.count - start) }, async (_, offset) => {
      const { machineId, hardwareId, ...inventory } = simulatedInventory(options, options.startIndex + start + offset);
      const { agentToken } = await enrollClient.enroll({
        installKey: options.installKey,
        machineId,
        hostname: inventory.hostname,
        os: inventory.os,
        agentVersion: AGENT_VERSION,
        hardwareId,
      });
      agents.push({ client: new AgentClient(options.server, agentToken), inventory });
    });
    await Promise.all(batch);
  }
  console.log(`Simulating ${agents.length} agents against ${options.server}.`);
  // The duration counts from here: enrolling a large fleet takes a while of its own.
  if (options.durationSeconds !== null) setTimeout(() => stop.abort(), options.durationSeconds * 1000).unref();

  let checkins = 0;
  let errors = 0;
  const active = new Set<number>();
  const report = setInterval(
    () =>
      console.log(
        `simulate: ${agents.length} agents, ${checkins} check-ins, ${errors} errors, helpdesk active on ${active.size}`,
      ),
    10_000,
  );
  await Promise.all(
    agents.map((agent, index) =>
      runCheckinLoop({
        client: agent.client,
        readInventory: () => agent.inventory,
        knownStateVersion: null,
        onCheckin: (response) => {
          checkins++;
          if (response.helpdesk.active) active.add(index);
          else active.delete(index);
        },
        onError: () => void errors++,
        signal: stop.signal,
      }).catch(() => void errors++),
    ),
  );
  clearInterval(report);
  console.log(`simulate: stopped after ${checkins} check-ins, ${errors} errors.`);
  return 0;
}

export const simulate = defineCommand({
  name: "simulate",
  synopsis: [
    "simulate --server <url> --install-key <key> --count <n>",
    `         [--os ${Object.keys(SIMULATED_OS).join("|")}] [--profiles <n>] [--start-index <n>]`,
    "         [--duration <seconds>]",
  ],
  summary: ["run n simulated agents in this process"],
  options: {
    server: { type: "string" },
    "install-key": { type: "string" },
    count: { type: "string" },
    os: { type: "string" },
    profiles: { type: "string" },
    duration: { type: "string" },
    "start-index": { type: "string" },
  },
  run: (values) =>
    simulateCommand({
      server: serverUrlOption(values.server),
      installKey: requiredOption(values["install-key"], "install-key"),
      count: wholeNumberOption(requiredOption(values.count, "count"), "count", null),
      startIndex: wholeNumberOption(values["start-index"], "start-index", 0, 0),
      os: oneOfOption(values.os ?? "windows-workstation", "os", Object.keys(SIMULATED_OS) as SimulatedOs[]),
      profiles: wholeNumberOption(values.profiles, "profiles", 1, 0),
      durationSeconds: wholeNumberOption(values.duration, "duration", null),
    }),
});
