import { AgentClient, runCheckinLoop } from "@helpline/agent";
import { applyHelpdeskAction } from "@helpline/core";
import { createTechnicianRow, withDatabaseEnv } from "@helpline/db/testing";
import { buildGateway } from "@helpline/gateway";
import { BENCH_INVENTORY, benchToken, seedFleet } from "./fleet-fixture.ts";
import type { BenchResult } from "./harness.ts";

const AGENTS = 2_000;

const inventory = () => ({
  hostname: BENCH_INVENTORY.hostname,
  os: { ...BENCH_INVENTORY.os },
  ip: BENCH_INVENTORY.ip,
  currentProfile: { ...BENCH_INVENTORY.currentProfile },
});

/**
 * 2,000 agents (the real check-in loop) long-poll one gateway; a bulk Apply activates all of
 * them; how long after Apply returns until the last agent has seen `active: true`.
 */
export async function activationReach(): Promise<BenchResult> {
  const database = await seedFleet({ count: AGENTS, customers: 1, label: "b2", withProfiles: true });
  const result = await withDatabaseEnv(database.env, async () => {
    const gateway = await buildGateway();
    const server = await gateway.listen({ port: 3914, host: "127.0.0.1" });
    const stop = new AbortController();
    const firstCheckin: Promise<void>[] = [];
    const sawActive: (number | null)[] = Array(AGENTS).fill(null);
    let errors = 0;
    const loops = Array.from({ length: AGENTS }, (_, index) => {
      let ready: () => void = () => {};
      firstCheckin.push(new Promise((resolve) => (ready = resolve)));
      return runCheckinLoop({
        client: new AgentClient(server, benchToken(index)),
        readInventory: inventory,
        knownStateVersion: null,
        signal: stop.signal,
        onError: () => void errors++,
        onCheckin: (response) => {
          ready();
          if (response.helpdesk.active && sawActive[index] === null) sawActive[index] = performance.now();
        },
      });
    });
    await Promise.all(firstCheckin);
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // all now holding a long-poll
    const actor = { id: (await createTechnicianRow()).id, role: "technician" as const };
    const applyStarted = performance.now();
    await applyHelpdeskAction({
      actor,
      input: { action: "activate", selection: { kind: "filter", filter: { search: "" } } },
      mode: "bulk",
    });
    const applied = performance.now();
    const deadline = applied + 30_000;
    while (sawActive.some((at) => at === null) && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const reached = sawActive.filter((at): at is number => at !== null);
    stop.abort();
    await Promise.all(loops);
    await gateway.close();
    return { applyMs: applied - applyStarted, lastMs: Math.max(...reached) - applied, reached: reached.length, errors };
  });
  await database.drop();
  return {
    name: "Activation reach",
    value: result.lastMs / 1000,
    unit: "s after Apply returned until the last of 2,000 agents saw active",
    goal: "≤ 2 s",
    details: { agentsReached: result.reached, agents: AGENTS, applyMs: result.applyMs, checkinErrors: result.errors },
  };
}
