import { createAgentTicket, listContactTickets, publicUrl } from "@helpline/core";
import {
  MAX_TICKET_BODY_BYTES,
  ZCreateTicketRequest,
  ZListTicketsQuery,
  type TCreateTicketResponse,
  type TListTicketsResponse,
} from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { deviceRoute } from "../device-route.ts";
import type { FleetState } from "../fleet/fleet-state.ts";

/** Add Ticket and My tickets. A retried submission (same idempotency key) answers 200 with the same ticket. */
export async function ticketRoutes(
  app: FastifyInstance,
  options: { fleet: FleetState; onMailQueued: () => void },
): Promise<void> {
  const { fleet } = options;
  // The token is checked before a body of up to 12 MiB is read and parsed, not after.
  const creating = {
    fleet,
    input: ZCreateTicketRequest,
    bodyLimit: MAX_TICKET_BODY_BYTES,
    authenticateBeforeBody: true,
  };
  deviceRoute(app, "POST /helpdesk/tickets", creating, async ({ device, body: submission, request, reply }) => {
    const { created, ...body } = await createAgentTicket({
      deviceId: device.id,
      request: submission,
      // Only an enrolled agent gets here, and the receipt's link goes to that device's own user.
      publicUrl: publicUrl({ protocol: request.protocol, host: request.host }),
    });
    if (created) options.onMailQueued();
    const response: TCreateTicketResponse = body;
    return reply.code(created ? 201 : 200).send(response);
  });
  deviceRoute(
    app,
    "GET /helpdesk/tickets",
    { fleet, input: ZListTicketsQuery },
    async ({ device, body: query, reply }) => {
      const body: TListTicketsResponse = await listContactTickets({ deviceId: device.id, profile: query.profile });
      return reply.send(body);
    },
  );
}
