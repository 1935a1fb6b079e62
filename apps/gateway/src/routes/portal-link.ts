import { createAgentPortalLink } from "@helpline/core";
import { ZPortalLinkRequest, type TPortalLinkResponse } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { parseBody } from "../parse-body.ts";
import type { FleetState } from "../fleet/fleet-state.ts";
import { publicUrlOf } from "../public-url.ts";
import { withDevice } from "../with-device.ts";

/** Open Customer Portal: a one-time link, valid 120 s, for the profile's confirmed contact. */
export async function portalLinkRoute(app: FastifyInstance, options: { fleet: FleetState }): Promise<void> {
  app.post("/helpdesk/portal-link", { preHandler: withDevice(options.fleet) }, async (request, reply) => {
    const { profile } = parseBody(ZPortalLinkRequest, request.body);
    const body: TPortalLinkResponse = await createAgentPortalLink({ deviceId: request.device!.id, profile, publicUrl: publicUrlOf(request) });
    return reply.send(body);
  });
}
