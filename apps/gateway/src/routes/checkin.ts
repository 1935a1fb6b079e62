import { NEXT_CHECKIN_SECONDS, recordDeviceInventory, type DeviceInventory } from "@helpline/core";
import { ZCheckinRequest, type TCheckinRequest, type TCheckinResponse } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { deviceRoute } from "../device-route.ts";
import type { FleetState } from "../fleet/fleet-state.ts";

function reportedInventory(body: TCheckinRequest): DeviceInventory {
  return {
    hostname: body.hostname,
    osPlatform: body.os.platform,
    osName: body.os.name,
    osVersion: body.os.version,
    osKind: body.os.kind,
    ip: body.ip ?? null,
    agentVersion: body.agentVersion,
    currentProfile: body.currentProfile
      ? { name: body.currentProfile.name, displayName: body.currentProfile.displayName ?? null }
      : null,
  };
}

// Field by field: this runs on every check-in, and serialising both sides cost more than the rest.
function sameInventory(a: DeviceInventory, b: DeviceInventory): boolean {
  return (
    a.hostname === b.hostname &&
    a.osPlatform === b.osPlatform &&
    a.osName === b.osName &&
    a.osVersion === b.osVersion &&
    a.osKind === b.osKind &&
    a.ip === b.ip &&
    a.agentVersion === b.agentVersion &&
    (a.currentProfile === null || b.currentProfile === null
      ? a.currentProfile === b.currentProfile
      : a.currentProfile.name === b.currentProfile.name &&
        a.currentProfile.displayName === b.currentProfile.displayName)
  );
}

/**
 * `POST /checkin`, the hot path. A check-in that changes nothing reads no row and writes none of
 * its own (last-seen is batched); a changed inventory or profile is written at once. With
 * `waitSeconds`, the request is held until the device's state version moves or the wait ends.
 */
export async function checkinRoute(app: FastifyInstance, options: { fleet: FleetState }): Promise<void> {
  const { fleet } = options;
  deviceRoute(
    app,
    "POST /checkin",
    { fleet, input: ZCheckinRequest },
    async ({ device, tokenHash, body, request, reply }) => {
      const inventory = reportedInventory(body);
      const now = new Date();
      const unchanged = sameInventory(device.inventory, inventory);
      let current = device;
      if (unchanged) {
        fleet.lastSeen.record(device.id, now);
      } else {
        await recordDeviceInventory({ deviceId: device.id, inventory, seenAt: now });
        // Another profile may carry another helpdesk state; and a change announced during the await
        // must not be slept through: read the device again.
        fleet.directory.forget(device.id);
        current = (await fleet.directory.lookup(tokenHash)) ?? device;
      }
      const waitMs = (body.waitSeconds ?? 0) * 1000;
      if (waitMs > 0 && body.knownStateVersion === current.helpdeskStateVersion) {
        const release = new AbortController();
        // The response closing before we answered means the agent hung up (maybe already).
        if (request.raw.socket.destroyed) release.abort();
        else reply.raw.once("close", () => release.abort());
        const woken = fleet.waiters.wait(device.id, waitMs, release.signal);
        // A change committed while the version above was being read was announced before this
        // request waited: look once more now that no announcement can be missed.
        const settled = await fleet.directory.lookup(tokenHash);
        if (settled && settled.helpdeskStateVersion !== body.knownStateVersion) release.abort();
        await woken;
        current = (await fleet.directory.lookup(tokenHash)) ?? current;
        fleet.lastSeen.record(device.id, new Date());
      }

      const response: TCheckinResponse = {
        stateVersion: current.helpdeskStateVersion,
        nextCheckinSeconds: NEXT_CHECKIN_SECONDS,
        helpdesk: { active: current.helpdeskActive, identity: current.identity },
      };
      return reply.send(response);
    },
  );
}
