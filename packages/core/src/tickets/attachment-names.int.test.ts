import { getPrisma } from "@helpline/db";
import { createCustomerRow, createHelpdeskDeviceRow, unique } from "@helpline/db/testing";
import { ZCreateTicketRequest } from "@helpline/protocol";
import { describe, expect, it } from "vitest";
import { createAgentPortalLink } from "../portal/create-agent-portal-link.ts";
import { getPortalAttachment } from "../portal/get-portal-attachment.ts";
import { getPortalSession } from "../portal/get-portal-session.ts";
import { getPortalTicket } from "../portal/get-portal-ticket.ts";
import { redeemPortalLink } from "../portal/redeem-portal-link.ts";
import { createAgentTicket } from "./create-agent-ticket.ts";
import { getTicket } from "./get-ticket.ts";
import { getTicketAttachment } from "./get-ticket-attachment.ts";

describe("attachment names with bidirectional controls (Trojan Source)", () => {
  it(
    "are stored as sent and handed out for display with their real extension, to the console and the portal",
    { timeout: 60_000 },
    async () => {
      const customer = await createCustomerRow();
      const alice = await createHelpdeskDeviceRow({
        customerId: customer.id,
        email: `${unique("alice")}@contoso.test`,
      });
      const request = ZCreateTicketRequest.parse({
        profile: alice.profile.name,
        idempotencyKey: crypto.randomUUID(),
        title: "Invoice",
        attachments: [
          {
            name: "invoice\u202Egpj.exe",
            contentType: "application/octet-stream",
            dataBase64: Buffer.from("MZ").toString("base64"),
          },
        ],
      });
      const { number } = await createAgentTicket({
        deviceId: alice.device.id,
        request,
        publicUrl: "https://help.example.test",
      });
      const stored = await getPrisma().ticketAttachment.findFirstOrThrow({ where: { ticket: { number } } });
      expect(stored.name).toBe("invoice\u202Egpj.exe");

      const ticket = (await getTicket({ input: { number } }))!;
      expect(ticket.attachments.map((file) => file.name)).toEqual(["invoice_gpj.exe"]);
      expect((await getTicketAttachment({ input: { ticketId: ticket.id, attachmentId: stored.id } }))?.name).toBe(
        "invoice_gpj.exe",
      );

      const link = await createAgentPortalLink({
        deviceId: alice.device.id,
        profile: alice.profile.name,
        publicUrl: "https://help.example.test",
      });
      const { sessionToken } = await redeemPortalLink({ token: link.url.split("/").at(-1)! });
      const contact = (await getPortalSession({ sessionToken }))!;
      expect((await getPortalTicket({ contact, number }))?.attachments.map((file) => file.name)).toEqual([
        "invoice_gpj.exe",
      ]);
      expect((await getPortalAttachment({ contact, ticketNumber: number, attachmentId: stored.id }))?.name).toBe(
        "invoice_gpj.exe",
      );
    },
  );
});
