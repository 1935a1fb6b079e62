import { replyToTicket } from "@helpline/core";
import { applyMigrations } from "@helpline/db/migrate";
import {
  checkinBody,
  createCustomerRow,
  createHelpdeskDeviceRow,
  createScratchDatabase,
  createTechnicianRow,
  createTicketRow,
  withDatabaseEnv,
} from "@helpline/db/testing";
import { ZCheckinResponse } from "@helpline/protocol";
import { expect, it } from "vitest";
import { startGatewayProcess } from "../testing/gateway-process.ts";

// The technician's reply is written by the console (this process); the agent long-polls a gateway
// in a child process: only NOTIFY carries the wake-up across. A database of their own, as in
// multi-process-wake.pg.int.test.ts (the child's mail sender must not deliver other files' mail).
it(
  "a reply written in one process wakes the contact's agent long-polling another, within 2 s",
  { timeout: 90_000 },
  async () => {
    const scratch = await createScratchDatabase({ serverUrl: process.env.DATABASE_URL, label: "reply_wake" });
    await applyMigrations({ config: scratch.config });
    const gateway = await startGatewayProcess(scratch.env, { from: 3600, to: 3699 }).catch(async (error: unknown) => {
      await scratch.drop();
      throw error;
    });
    try {
      await Promise.race([
        gateway.died,
        withDatabaseEnv(scratch.env, async () => {
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
      ]);
    } finally {
      await gateway.stop();
      await scratch.drop();
    }
  },
);
