import { confirmIdentity, sendIdentityToken } from "@helpline/core";
import { ZConfirmIdentityRequest, ZSendTokenRequest, type TConfirmIdentityResponse, type TSendTokenResponse } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { parseBody } from "../parse-body.ts";
import type { FleetState } from "../fleet/fleet-state.ts";
import { withDevice } from "../with-device.ts";

/** Personal Info Settings: Send Token, then confirm it. The token only ever travels by mail. */
export async function identityRoutes(app: FastifyInstance, options: { fleet: FleetState; onMailQueued: () => void }): Promise<void> {
  const authenticate = withDevice(options.fleet);
  app.post("/helpdesk/identity/send-token", { preHandler: authenticate }, async (request, reply) => {
    const body: TSendTokenResponse = await sendIdentityToken({ deviceId: request.device!.id, request: parseBody(ZSendTokenRequest, request.body) });
    options.onMailQueued();
    return reply.code(202).send(body);
  });
  app.post("/helpdesk/identity/confirm", { preHandler: authenticate }, async (request, reply) => {
    const body: TConfirmIdentityResponse = await confirmIdentity({ deviceId: request.device!.id, request: parseBody(ZConfirmIdentityRequest, request.body) });
    // This process knows at once; others hear it through NOTIFY. Without this, the agent's next
    // check-in could beat the notification back to this very process and read the old identity.
    options.fleet.deviceChanged(request.device!.id);
    return reply.send(body);
  });
}
