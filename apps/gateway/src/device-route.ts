import type { AuthenticatedDevice } from "@helpline/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { parseBody } from "./parse-body.ts";
import type { FleetState } from "./fleet/fleet-state.ts";
import { authenticatedDevice, withDevice } from "./with-device.ts";

/** What a device endpoint's handler gets: the caller's device, its parsed input, and Fastify's request and reply. */
export type DeviceContext<TInput> = {
  device: AuthenticatedDevice;
  /** The hash of the bearer token, to look the device up again in the fleet's directory. */
  tokenHash: string;
  /** The JSON body (POST) or the query string (GET), parsed by the route's schema. */
  body: TInput;
  request: FastifyRequest;
  reply: FastifyReply;
};

type DeviceRouteOptions<TSchema extends z.ZodType> = {
  fleet: FleetState;
  /** Parses the body (POST) or query (GET); a failure answers `400 invalid_request` naming the field. */
  input: TSchema;
  /** Bytes, when the endpoint takes more than the gateway's default body limit. */
  bodyLimit?: number;
  /**
   * Checks the token before the body is read (Fastify's `onRequest`) rather than after
   * (`preHandler`): for a large body, so that one without a valid token is not read at all.
   */
  authenticateBeforeBody?: boolean;
};

/**
 * Declares an agent endpoint that a device calls with its token, e.g.
 * `deviceRoute(app, "POST /checkin", { fleet, input: ZCheckinRequest }, ({ device, body }) => …)`:
 * the device wrapper (withDevice) authenticates the caller, the input is parsed at the edge, and
 * the handler gets both typed. What the handler returns is sent (Fastify's async handler); every
 * error it throws leaves through the gateway's error handler (errorResponse).
 */
export function deviceRoute<TSchema extends z.ZodType>(
  app: FastifyInstance,
  route: `${"GET" | "POST"} /${string}`,
  options: DeviceRouteOptions<TSchema>,
  handler: (context: DeviceContext<z.infer<TSchema>>) => Promise<unknown>,
): void {
  const [method, url] = route.split(" ") as ["GET" | "POST", string];
  const authenticate = withDevice(options.fleet);
  app.route({
    method,
    url,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    ...(options.authenticateBeforeBody ? { onRequest: authenticate } : { preHandler: authenticate }),
    handler: async (request, reply) => {
      const { device, tokenHash } = authenticatedDevice(request);
      const body = parseBody(options.input, method === "GET" ? request.query : request.body);
      return handler({ device, tokenHash, body, request, reply });
    },
  });
}
