import { NEXT_CHECKIN_SECONDS, recordDeviceInventory, type DeviceInventory } from "@helpline/core";
import { ZCheckinRequest, type TCheckinRequest, type TCheckinResponse } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { parseBody } from "../agent-errors.ts";
import type { FleetState } from "../fleet/fleet-state.ts";
import { withDevice } from "../with-device.ts";

function reportedInventory(body: TCheckinRequest): DeviceInventory {
  return {
    hostname: body.hostname,
    osPlatform: body.os.platform,
    osName: body.os.name,
    osVersion: body.os.version,
    osKind: body.os.kind,
    ip: body.ip ?? null,
    agentVersion: body.agentVersion,
    currentProfile: body.currentProfile ? { name: body.currentProfile.name, displayName: body.currentProfile.displayName ?? null } : null,
  };
}

function sameInventory(a: DeviceInventory, b: DeviceInventory): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * `POST /checkin`, the hot path. A check-in that changes nothing reads no row and writes none of
 * its own (last-seen is batched); a changed inventory or profile is written at once. With
 * `waitSeconds`, the request is held until the device's state version moves or the wait ends.
 */
export async function checkinRoute(app: FastifyInstance, options: { fleet: FleetState }): Promise<void> {
  const { fleet } = options;
  app.post("/checkin", { preHandler: withDevice(fleet) }, async (request, reply) => {
    const body = parseBody(ZCheckinRequest, request.body);
    const device = request.device!;
    const tokenHash = request.tokenHash!;
    const inventory = reportedInventory(body);
    const now = new Date();
    if (sameInventory(device.inventory, inventory)) {
      fleet.lastSeen.record(device.id, now);
    } else {
      await recordDeviceInventory({ deviceId: device.id, inventory, seenAt: now });
      // Another profile may carry another helpdesk state: read the device again.
      fleet.directory.forget(device.id);
    }

    // Read the version again after any await: a change announced meanwhile must not be slept through.
    let current = (await fleet.directory.lookup(tokenHash)) ?? device;
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
  });
}
