import { setProfileLanguage } from "@helpline/core";
import { ZSetLanguageRequest, type TSetLanguageResponse } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { deviceRoute } from "../device-route.ts";
import type { FleetState } from "../fleet/fleet-state.ts";

/**
 * Personal Info Settings ▸ Language: the confirmed contact's own choice (null: automatic); the
 * answer names the language now in force. 409 before the identity is confirmed.
 */
export async function languageRoute(app: FastifyInstance, options: { fleet: FleetState }): Promise<void> {
  deviceRoute(
    app,
    "POST /helpdesk/language",
    { fleet: options.fleet, input: ZSetLanguageRequest },
    async ({ device, body, reply }) => {
      const answer: TSetLanguageResponse = await setProfileLanguage({
        deviceId: device.id,
        profile: body.profile,
        language: body.language,
      });
      return reply.send(answer);
    },
  );
}
