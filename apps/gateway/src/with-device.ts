import { DomainError, hashSecret, type AuthenticatedDevice } from "@helpline/core";
import type { FastifyRequest } from "fastify";
import type { FleetState } from "./fleet/fleet-state.ts";

declare module "fastify" {
  interface FastifyRequest {
    device: AuthenticatedDevice | null;
    tokenHash: string | null;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/;

const MALFORMED = "Send the agent token as `Authorization: Bearer <token>`.";
const UNKNOWN = "This agent token is not valid (revoked or unknown). Enroll the device again.";

/**
 * The auth wrapper of every agent endpoint but enroll: the bearer token names the device. An async
 * hook, so Fastify owns every failure of the lookup (a database outage answers 503); a device
 * already in memory is answered without awaiting the directory.
 */
export function withDevice(fleet: FleetState) {
  return async (request: FastifyRequest): Promise<void> => {
    const match = BEARER.exec(request.headers.authorization ?? "");
    if (!match) throw new DomainError("unauthorized", MALFORMED, 401);
    const tokenHash = hashSecret(match[1]!);
    const device = fleet.directory.cached(tokenHash) ?? (await fleet.directory.lookup(tokenHash));
    if (!device) throw new DomainError("unauthorized", UNKNOWN, 401);
    request.device = device;
    request.tokenHash = tokenHash;
  };
}
