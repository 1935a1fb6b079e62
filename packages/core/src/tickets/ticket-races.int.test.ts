import { getPrisma } from "@helpline/db";
import { createCustomerRow, createHelpdeskDeviceRow, createTechnicianRow, createTicketRow } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { createPortalTicket } from "../portal/create-portal-ticket.ts";
import { addTicketNote } from "./add-ticket-note.ts";
import { createConsoleTicket } from "./create-console-ticket.ts";
import { replyToTicket } from "./reply-to-ticket.ts";
import { updateTicket } from "./update-ticket.ts";

// Requests fired together: read-then-write races show only on PostgreSQL (PGlite runs one
// transaction at a time), where these assertions matter; on PGlite they check the same rules.
const PUBLIC_URL = "https://help.example.test";
const technician = async () => ({ id: (await createTechnicianRow()).id, role: "technician" as const });
const statusChanges = async (ticketId: string) =>
  (
    await getPrisma().auditEvent.findMany({
      where: { subject: `ticket:${ticketId}`, action: "ticket.updated" },
      orderBy: { at: "asc" },
    })
  )
    .map((event) => (event.data as { changes: { status?: { from: string; to: string } } }).changes.status)
    .filter((change) => change !== undefined);

describe("tickets under concurrent requests", () => {
  it("one status change sent 5 times at once is made and audited once; different changes at once chain in the audit log", async () => {
    const [alice, bob] = [await technician(), await technician()];
    const customer = await createCustomerRow();
    const ticket = await createTicketRow({ customerId: customer.id });
    const same = await Promise.all(
      Array.from({ length: 5 }, () =>
        updateTicket({ actor: alice, input: { ticketId: ticket.id, status: "pending" } }),
      ),
    );
    expect(same.filter((result) => result.changed)).toHaveLength(1);
    expect(await statusChanges(ticket.id)).toEqual([{ from: "open", to: "pending" }]);

    await Promise.all([
      updateTicket({ actor: alice, input: { ticketId: ticket.id, status: "resolved" } }),
      updateTicket({ actor: bob, input: { ticketId: ticket.id, status: "closed" } }),
      updateTicket({ actor: bob, input: { ticketId: ticket.id, status: "open" } }),
    ]);
    const changes = await statusChanges(ticket.id);
    expect(changes).toHaveLength(4);
    for (let index = 1; index < changes.length; index++) expect(changes[index]!.from).toBe(changes[index - 1]!.to);
    expect((await getPrisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe(changes.at(-1)!.to);
  });

  it("tickets opened at once from the console and the portal get distinct numbers", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    const { contact } = await createHelpdeskDeviceRow({ customerId: customer.id });
    const portalContact = {
      id: contact!.id,
      customerId: customer.id,
      customerName: customer.name,
      email: contact!.email,
      fullName: contact!.fullName,
      isMainContact: false,
      emailOnReplies: true,
      chosenLanguage: null,
    };
    const opened = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        index % 2
          ? createConsoleTicket({
              actor,
              input: { customerId: customer.id, title: `Phone call ${index}` },
              publicUrl: PUBLIC_URL,
            })
          : createPortalTicket({
              contact: portalContact,
              input: { title: `From the portal ${index}`, description: "", attachments: [] },
              publicUrl: PUBLIC_URL,
            }),
      ),
    );
    expect(new Set(opened.map((ticket) => ticket.number)).size).toBe(20);
  });

  it("replies and notes written at once all land, and the ticket's updatedAt is the newest message's time", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    const ticket = await createTicketRow({ customerId: customer.id });
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        (index % 2 ? addTicketNote : replyToTicket)({
          actor,
          input: { ticketId: ticket.id, body: `Message ${index}` },
          publicUrl: PUBLIC_URL,
        }),
      ),
    );
    const messages = await getPrisma().ticketMessage.findMany({
      where: { ticketId: ticket.id },
      orderBy: { createdAt: "desc" },
    });
    expect(messages).toHaveLength(10);
    expect((await getPrisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).updatedAt).toEqual(
      messages[0]!.createdAt,
    );
  });
});
