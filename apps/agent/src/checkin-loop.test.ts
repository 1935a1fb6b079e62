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
