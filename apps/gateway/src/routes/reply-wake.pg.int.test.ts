import { replyToTicket } from "@helpline/core";
import {
  checkinBody,
  createCustomerRow,
  createHelpdeskDeviceRow,
  createTechnicianRow,
  createTicketRow,
} from "@helpline/db/testing";
import { ZCheckinResponse } from "@helpline/protocol";
import { expect, it } from "vitest";
import { withGatewayOnScratchDatabase } from "../testing/with-gateway-on-scratch-database.ts";

// The technician's reply is written by the console (this process); the agent long-polls a gateway
// in a child process: only NOTIFY carries the wake-up across.
it(
  "a reply written in one process wakes the contact's agent long-polling another, within 2 s",
  { timeout: 90_000 },
  () =>
    withGatewayOnScratchDatabase({ label: "reply_wake", ports: { from: 3600, to: 3699 } }, async (gateway) => {
      const customer = await createCustomerRow();
      const row = await createHelpdeskDeviceRow({ customerId: customer.id });
      const ticket = await createTicketRow({
        customerId: customer.id,
        contactId: row.contact!.id,
        title: "Printer",
      });
      const technician = await createTechnicianRow();
      const checkin = async (extra: Record<string, unknown>) => {
        const response = await fetch(`${gateway.base}/api/agent/v1/checkin`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${row.agentToken}` },
          body: JSON.stringify(checkinBody(row.profile.name, extra)),
        });
        expect(response.status).toBe(200);
        return ZCheckinResponse.parse(await response.json());
      };
      const { stateVersion } = await checkin({});
      const held = checkin({ waitSeconds: 30, knownStateVersion: stateVersion });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const repliedAt = Date.now();
      await replyToTicket({
        actor: { id: technician.id, role: "technician" },
        input: { ticketId: ticket.id, body: "Fixed the driver." },
        publicUrl: "https://helpdesk.example.test",
      });
      const answer = await held;
      // Typically well under a second; 2 s is the activation reach bar, with room for a busy CI machine.
      expect(Date.now() - repliedAt).toBeLessThan(2000);
      expect(answer.notifications).toMatchObject([
        { kind: "reply", profile: row.profile.name, ticketNumber: ticket.number, title: "Printer" },
      ]);
    }),
);
