import { createAgentPortalLink, publicUrl } from "@helpline/core";
import { ZPortalLinkRequest, type TPortalLinkResponse } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { deviceRoute } from "../device-route.ts";
import type { FleetState } from "../fleet/fleet-state.ts";

/** Open Customer Portal: a one-time link, valid 120 s, for the profile's confirmed contact. */
export async function portalLinkRoute(app: FastifyInstance, options: { fleet: FleetState }): Promise<void> {
  deviceRoute(
    app,
    "POST /helpdesk/portal-link",
    { fleet: options.fleet, input: ZPortalLinkRequest },
    async ({ device, body: { profile }, request, reply }) => {
      // The agent opens this link in its own user's browser: the address it called us on is good enough.
      const body: TPortalLinkResponse = await createAgentPortalLink({
        deviceId: device.id,
        profile,
        publicUrl: publicUrl({ protocol: request.protocol, host: request.host }),
      });
      return reply.send(body);
    },
  );
}
