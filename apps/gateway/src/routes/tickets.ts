import { createAgentTicket, listContactTickets } from "@helpline/core";
import { MAX_TICKET_BODY_BYTES, ZCreateTicketRequest, ZListTicketsQuery, type TCreateTicketResponse, type TListTicketsResponse } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { parseBody } from "../parse-body.ts";
import type { FleetState } from "../fleet/fleet-state.ts";
import { publicUrlOf } from "../public-url.ts";
import { withDevice } from "../with-device.ts";

/** Add Ticket and My tickets. A retried submission (same idempotency key) answers 200 with the same ticket. */
export async function ticketRoutes(app: FastifyInstance, options: { fleet: FleetState; onMailQueued: () => void }): Promise<void> {
  const authenticate = withDevice(options.fleet);
  // The token is checked before a body of up to 12 MiB is read and parsed, not after.
  app.post("/helpdesk/tickets", { onRequest: authenticate, bodyLimit: MAX_TICKET_BODY_BYTES }, async (request, reply) => {
    const { created, ...body } = await createAgentTicket({
      deviceId: request.device!.id,
      request: parseBody(ZCreateTicketRequest, request.body),
      publicUrl: publicUrlOf(request),
    });
    if (created) options.onMailQueued();
    const response: TCreateTicketResponse = body;
    return reply.code(created ? 201 : 200).send(response);
  });
  app.get("/helpdesk/tickets", { preHandler: authenticate }, async (request, reply) => {
    const query = parseBody(ZListTicketsQuery, request.query);
    const body: TListTicketsResponse = await listContactTickets({ deviceId: request.device!.id, profile: query.profile });
    return reply.send(body);
  });
}
