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

/** The auth wrapper of every agent endpoint but enroll: the bearer token names the device. */
export function withDevice(fleet: FleetState) {
  return async (request: FastifyRequest): Promise<void> => {
    const match = BEARER.exec(request.headers.authorization ?? "");
    if (!match) throw new DomainError("unauthorized", "Send the agent token as `Authorization: Bearer <token>`.", 401);
    const tokenHash = hashSecret(match[1]!);
    const device = await fleet.directory.lookup(tokenHash);
    if (!device) throw new DomainError("unauthorized", "This agent token is not valid (revoked or unknown). Enroll the device again.", 401);
    request.device = device;
    request.tokenHash = tokenHash;
  };
}
