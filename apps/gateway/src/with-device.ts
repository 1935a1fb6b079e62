import { DomainError, hashSecret, type AuthenticatedDevice } from "@helpline/core";
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from "fastify";
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
 * The auth wrapper of every agent endpoint but enroll: the bearer token names the device. A hook
 * with a callback rather than a promise: a device already in memory (nearly every check-in) is
 * answered without a round through the microtask queue, on the gateway's hottest path.
 */
export function withDevice(fleet: FleetState) {
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const match = BEARER.exec(request.headers.authorization ?? "");
    if (!match) return done(new DomainError("unauthorized", MALFORMED, 401));
    const tokenHash = hashSecret(match[1]!);
    request.tokenHash = tokenHash;
    const known = fleet.directory.cached(tokenHash);
    if (known) {
      request.device = known;
      return done();
    }
    fleet.directory.lookup(tokenHash).then((device) => {
      if (!device) return done(new DomainError("unauthorized", UNKNOWN, 401));
      request.device = device;
      done();
    }, done);
  };
}
