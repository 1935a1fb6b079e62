import { getEventListeners } from "node:events";
import { expect, it } from "vitest";
import { UnreachableError, type AgentClient } from "./agent-client.ts";
import { runCheckinLoop } from "./checkin-loop.ts";
import type { Inventory } from "./system/inventory.ts";

const inventory: Inventory = {
  hostname: "PC-1",
  os: { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" },
  ip: null,
  currentProfile: null,
};

it(
  "leaves no listener behind on the stop signal after each wait (`run` waits on one signal for weeks)",
  { timeout: 15_000 },
  async () => {
    const stop = new AbortController();
    const listenersAtCall: number[] = [];
    const client = {
      checkin: async () => {
        listenersAtCall.push(getEventListeners(stop.signal, "abort").length);
        if (listenersAtCall.length === 3) stop.abort();
        throw new UnreachableError("down");
      },
    } as unknown as AgentClient;
    await runCheckinLoop({
      client,
      readInventory: () => inventory,
      knownStateVersion: null,
      signal: stop.signal,
      onCheckin: () => {},
      onError: () => {},
    });
    // Two backoff waits happened between the three calls; none of them is still listening.
    expect(listenersAtCall).toEqual([0, 0, 0]);
  },
);

it(
  "gives up the long-poll in flight and checks in at once when the inventory changes",
  { timeout: 5_000 },
  async () => {
    const stop = new AbortController();
    let notify: () => void = () => {};
    let profile = "CONTOSO\\alice";
    const sent: (string | undefined)[] = [];
    const client = {
      checkin: (request: { currentProfile: { name: string } | null }, signal: AbortSignal) => {
        sent.push(request.currentProfile?.name);
        // A long-poll the server holds until the agent gives it up.
        const held = new Promise((_, reject) => signal.addEventListener("abort", () => reject(new Error("aborted"))));
        if (sent.length === 2) stop.abort();
        return held;
      },
    } as unknown as AgentClient;
    const errors: Error[] = [];
    const loop = runCheckinLoop({
      client,
      readInventory: () => ({ ...inventory, currentProfile: { name: profile, displayName: null } }),
      knownStateVersion: null,
      signal: stop.signal,
      onCheckin: () => {},
      onError: (error) => errors.push(error),
      onInventoryChange: (listener) => (notify = listener),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    profile = "CONTOSO\\bob";
    notify();
    await loop;
    expect(sent).toEqual(["CONTOSO\\alice", "CONTOSO\\bob"]);
    // Giving up the long-poll is not a failure: no backoff.
    expect(errors).toEqual([]);
  },
);
