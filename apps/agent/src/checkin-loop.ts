import type { TCheckinRequest, TCheckinResponse } from "@helpline/protocol";
import { ProtocolError, type AgentClient } from "./agent-client.ts";
import { backoffDelay } from "./backoff.ts";
import type { Inventory } from "./system/inventory.ts";
import { AGENT_VERSION } from "./version.ts";

const LONG_POLL_SECONDS = 25;

export type CheckinLoopOptions = {
  client: AgentClient;
  readInventory: () => Inventory;
  knownStateVersion: number | null;
  onCheckin: (response: TCheckinResponse, inventory: Inventory) => void;
  /** Notification ids to acknowledge in the next check-in (reply-notifications.ts). */
  ackNotifications?: () => string[];
  onError: (error: Error, retryInMs: number) => void;
  /**
   * Given, the loop registers a listener that the caller calls when what `readInventory` says has
   * changed (who is signed in, which trays run): the long-poll in flight is given up and the next
   * check-in, with the new inventory, goes at once, so the server knows within seconds.
   */
  onInventoryChange?: (listener: () => void) => void;
  signal: AbortSignal;
  waitSeconds?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
};

/**
 * The check-in body for this inventory: agent version, hostname, OS, IP and who is signed in (every
 * signed-in profile too, when the inventory knows them).
 */
export function checkinRequest(
  inventory: Inventory,
  extra: Pick<TCheckinRequest, "waitSeconds" | "knownStateVersion" | "ackNotifications"> = {},
): TCheckinRequest {
  return {
    agentVersion: AGENT_VERSION,
    hostname: inventory.hostname,
    os: inventory.os,
    ip: inventory.ip,
    currentProfile: inventory.currentProfile,
    ...(inventory.profiles && { profiles: inventory.profiles }),
    ...(inventory.locale && { locale: inventory.locale }),
    ...extra,
  };
}

// The listener goes when the timer fires: `run` sleeps on one signal for as long as it runs.
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal.addEventListener("abort", wake, { once: true });
  });
}

/**
 * Checks in over and over: each check-in is a long-poll that returns as soon as the server has
 * news (or after 25 s), so changes reach the agent in seconds without polling traffic. While the
 * server is unreachable it backs off with jitter. Stops when `signal` aborts, or throws on a 401
 * (the token was refused: running on would only hammer the server; `run` enrolls again).
 */
export async function runCheckinLoop(options: CheckinLoopOptions): Promise<void> {
  const wait = options.sleep ?? sleep;
  let known = options.knownStateVersion;
  let failures = 0;
  let round: AbortController | null = null;
  // Set by a change during the round in flight (reset as each round starts).
  let woken: boolean;
  options.onInventoryChange?.(() => {
    woken = true;
    round?.abort();
  });
  while (!options.signal.aborted) {
    woken = false;
    const inventory = options.readInventory();
    // Without onInventoryChange the loop listens on the caller's signal alone.
    round = options.onInventoryChange ? new AbortController() : null;
    const forward = () => round?.abort();
    if (round) options.signal.addEventListener("abort", forward, { once: true });
    try {
      const waitSeconds = options.waitSeconds ?? LONG_POLL_SECONDS;
      const startedAt = Date.now();
      const acks = options.ackNotifications?.() ?? [];
      const response = await options.client.checkin(
        checkinRequest(inventory, {
          ...(known !== null && { waitSeconds, knownStateVersion: known }),
          ...(acks.length > 0 && { ackNotifications: acks }),
        }),
        round?.signal ?? options.signal,
      );
      failures = 0;
      const unchanged = known === response.stateVersion;
      known = response.stateVersion;
      options.onCheckin(response, inventory);
      // A server that answers at once with nothing new (shutting down, or not holding requests)
      // must not turn the loop into a flood.
      if (unchanged && !woken && Date.now() - startedAt < (waitSeconds * 1000) / 2)
        await wait(1000 + Math.random() * 2000, options.signal);
    } catch (error) {
      if (options.signal.aborted) return;
      if (woken) continue;
      if (error instanceof ProtocolError && error.status === 401) throw error;
      failures++;
      const delay = backoffDelay(failures);
      options.onError(error as Error, delay);
      await wait(delay, options.signal);
    } finally {
      options.signal.removeEventListener("abort", forward);
    }
  }
}
