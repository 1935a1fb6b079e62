import { claimDeviceHardware, DomainError, hashSecret, type AuthenticatedDevice } from "@helpline/core";
import { AGENT_HARDWARE_ID_HEADER, AGENT_MACHINE_ID_HEADER, HARDWARE_ID, HEADER_MACHINE_ID } from "@helpline/protocol";
import type { FastifyRequest } from "fastify";
import type { FleetState } from "./fleet/fleet-state.ts";

/** The device a request's bearer token names, and that token's hash (the directory's key). */
export type DeviceAuthentication = { device: AuthenticatedDevice; tokenHash: string };

// Set by withDevice, read by deviceRoute: a request that got past one has an entry.
const authenticated = new WeakMap<FastifyRequest, DeviceAuthentication>();

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/;

const MALFORMED = "Send the agent token as `Authorization: Bearer <token>`.";
const UNKNOWN =
  "This agent token is not valid (replaced by a newer one, revoked or unknown). Enroll the device again; an agent that kept its install key does so by itself.";
const OTHER_MACHINE =
  "This agent token belongs to another machine: this one's machine id or hardware differs from the device's (a cloned disk?). Enroll this machine with its install key; it becomes a device of its own.";

/** An optional header of the protocol: absent, or one well-formed value (`400 invalid_request` otherwise). */
function optionalHeader(request: FastifyRequest, name: string, format: RegExp, rule: string): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !format.test(value))
    throw new DomainError("invalid_request", `\`${name}\` header: must be one value of ${rule}.`, 400);
  return value;
}

/**
 * The auth wrapper of every agent endpoint but enroll: the bearer token names the device. An async
 * hook, so Fastify owns every failure of the lookup (a database outage answers 503); a device
 * already in memory is answered without awaiting the directory.
 *
 * A token is also refused (401) once its grace after being superseded is over, and when the agent
 * says it runs on another machine than the device's (the machine id or hardware id headers differ):
 * a disk image carries the agent's state file, and its clone must not act as the original — it
 * re-enrolls and becomes a device of its own. A device with no hardware id yet takes the first one
 * reported (claimDeviceHardware). Routes declared with deviceRoute get the device as a typed context.
 */
export function withDevice(fleet: FleetState) {
  return async (request: FastifyRequest): Promise<void> => {
    const match = BEARER.exec(request.headers.authorization ?? "");
    if (!match) throw new DomainError("unauthorized", MALFORMED, 401);
    const tokenHash = hashSecret(match[1]!);
    let device = fleet.directory.cached(tokenHash) ?? (await fleet.directory.lookup(tokenHash));
    if (!device) throw new DomainError("unauthorized", UNKNOWN, 401);
    if (device.tokenRetiresAt !== null && device.tokenRetiresAt <= Date.now()) {
      fleet.directory.forget(device.id);
      throw new DomainError("unauthorized", UNKNOWN, 401);
    }
    const machineId = optionalHeader(
      request,
      AGENT_MACHINE_ID_HEADER,
      HEADER_MACHINE_ID,
      "1 to 200 printable ASCII characters without spaces",
    );
    if (machineId !== undefined && machineId !== device.machineId)
      throw new DomainError("unauthorized", OTHER_MACHINE, 401);
    const hardwareId = optionalHeader(
      request,
      AGENT_HARDWARE_ID_HEADER,
      HARDWARE_ID,
      "8 to 128 printable ASCII characters without spaces",
    );
    if (hardwareId !== undefined && device.hardwareId === null) {
      const recorded = await claimDeviceHardware({ deviceId: device.id, hardwareId });
      fleet.deviceChanged(device.id);
      device = (await fleet.directory.lookup(tokenHash)) ?? device;
      if (recorded !== hardwareId) throw new DomainError("unauthorized", OTHER_MACHINE, 401);
    } else if (hardwareId !== undefined && hardwareId !== device.hardwareId) {
      throw new DomainError("unauthorized", OTHER_MACHINE, 401);
    }
    authenticated.set(request, { device, tokenHash });
  };
}

/** What withDevice decided for this request; throws when it did not run (a route wired without it: a bug). */
export function authenticatedDevice(request: FastifyRequest): DeviceAuthentication {
  const found = authenticated.get(request);
  if (!found)
    throw new Error(`${request.method} ${request.routeOptions.url}: no device; declare the route with deviceRoute.`);
  return found;
}
