import { confirmIdentity, sendIdentityToken } from "@helpline/core";
import { negotiateLocale } from "@helpline/i18n";
import {
  ZConfirmIdentityRequest,
  ZSendTokenRequest,
  type TConfirmIdentityResponse,
  type TSendTokenResponse,
} from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { deviceRoute } from "../device-route.ts";
import type { FleetState } from "../fleet/fleet-state.ts";

/** Personal Info Settings: Send Token, then confirm it. The token only ever travels by mail. */
export async function identityRoutes(
  app: FastifyInstance,
  options: { fleet: FleetState; onMailQueued: () => void },
): Promise<void> {
  const { fleet } = options;
  deviceRoute(
    app,
    "POST /helpdesk/identity/send-token",
    { fleet, input: ZSendTokenRequest },
    async ({ device, body: sent, request, reply }) => {
      // The local page names the language it shows (the CLI sends none): the mail is written in it.
      const pageLocale = negotiateLocale(request.headers["accept-language"], null);
      const body: TSendTokenResponse = await sendIdentityToken({ deviceId: device.id, request: sent, pageLocale });
      options.onMailQueued();
      return reply.code(202).send(body);
    },
  );
  deviceRoute(
    app,
    "POST /helpdesk/identity/confirm",
    { fleet, input: ZConfirmIdentityRequest },
    async ({ device, body: confirmation, reply }) => {
      const body: TConfirmIdentityResponse = await confirmIdentity({ deviceId: device.id, request: confirmation });
      // This process knows at once; others hear it through NOTIFY. Without this, the agent's next
      // check-in could beat the notification back to this very process and read the old identity.
      fleet.deviceChanged(device.id);
      return reply.send(body);
    },
  );
}
