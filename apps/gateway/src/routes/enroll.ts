import { enrollDevice } from "@helpline/core";
import { ZEnrollRequest, type TEnrollResponse } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { parseBody } from "../parse-body.ts";
import type { FleetState } from "../fleet/fleet-state.ts";

/**
 * `POST /enroll`: 201 for a new device (also a possible clone of another), 200 for the same machine
 * again, proven (enroll-rules.ts): a new token, the previous one working for a short grace.
 */
export async function enrollRoute(app: FastifyInstance, options: { fleet: FleetState }): Promise<void> {
  app.post("/enroll", async (request, reply) => {
    const result = await enrollDevice(parseBody(ZEnrollRequest, request.body));
    // What this process cached for the device (its hardware id, its tokens) is read again;
    // other processes hear it through NOTIFY.
    if (!result.created) options.fleet.deviceChanged(result.deviceId);
    const body: TEnrollResponse = { deviceId: result.deviceId, agentToken: result.agentToken };
    return reply.code(result.created ? 201 : 200).send(body);
  });
}
