import { getPrisma } from "@helpline/db";
import { createCustomerRow, createTechnicianRow, createTicketRow, unique } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { listContacts } from "../contacts/list-contacts.ts";
import { assignTicketCustomer } from "./assign-ticket-customer.ts";
import { getTicket } from "./get-ticket.ts";
import { listTickets } from "./list-tickets.ts";
import { ZListTicketsInput } from "./ticket-input.ts";

// The technician's desk for email tickets: the Unassigned customers triage list, File under
// customer (fired in parallel: the race shows on PostgreSQL, PGlite checks the same rules), and
// what the ticket page shows of the mail a ticket and its messages came from.
const technician = async () => ({ id: (await createTechnicianRow()).id, role: "technician" as const });

/** A ticket as ingest makes it from an unknown sender: no customer, the requester as the mail named them. */
async function strangerTicket(options: { email?: string; name?: string | null; title?: string } = {}) {
  const email = options.email ?? `${unique("stranger")}@example.net`;
  const prisma = getPrisma();
  const ticket = await prisma.ticket.create({
    data: {
      title: options.title ?? `Printer ${unique("mail")} is jammed`,
      description: "It blinks orange.",
      source: "email",
      requesterEmail: email,
      requesterName: options.name === undefined ? "Jane Stranger" : options.name,
    },
  });
  const opening = await prisma.inboundMail.create({
    data: {
      dedupeKey: `${unique("open")}@example.net`,
      via: "smtp",
      fromAddress: email,
      fromName: options.name === undefined ? "Jane Stranger" : options.name,
      subject: ticket.title,
      outcome: "created",
      ticketId: ticket.id,
      raw: Buffer.from("Subject: x\r\n\r\nIt blinks orange.\r\n"),
      rawSize: 36,
      fullText: "It blinks orange.\n\n-- \nJane",
    },
  });
  const message = await prisma.ticketMessage.create({
    data: { ticketId: ticket.id, kind: "reply", body: "Still blinking." },
  });
  const reply = await prisma.inboundMail.create({
    data: {
      dedupeKey: `${unique("reply")}@example.net`,
      via: "imap",
      fromAddress: email,
      fromName: null,
      subject: `Re: ${ticket.title}`,
      outcome: "appended",
      ticketId: ticket.id,
      ticketMessageId: message.id,
      // Larger than the limit: not kept, so there is no original to download.
      raw: null,
      rawSize: 30_000_000,
      fullText: "Still blinking.\n\nOn Monday Helpline wrote:\n> What colour?",
    },
  });
  return { ticket, email, opening, message, reply };
}

describe("email on the technician's desk", () => {
  it("the Unassigned customers list holds only tickets without a customer, showing their requester", async () => {
    const actor = await technician();
    const tag = unique("triage");
    const { ticket, email } = await strangerTicket({ title: `Scanner ${tag}` });
    const customer = await createCustomerRow();
    await createTicketRow({ customerId: customer.id, title: `Scanner ${tag} too` });
    const page = await listTickets({
      actor,
      input: ZListTicketsInput.parse({ customerId: "unassigned", search: tag, status: "all" }),
    });
    expect(page.tickets.map((row) => row.id)).toEqual([ticket.id]);
    expect(page.tickets[0]).toMatchObject({
      customer: null,
      contact: null,
      requesterEmail: email,
      requesterName: "Jane Stranger",
    });
    const everyone = await listTickets({ actor, input: ZListTicketsInput.parse({ search: tag, status: "all" }) });
    expect(everyone.tickets).toHaveLength(2);
    expect(ZListTicketsInput.safeParse({ customerId: "nobody" }).success).toBe(false);
  });

  it("the ticket page shows who wrote each mail, the whole mail, whether the original was kept, and the follow-up link", async () => {
    const { ticket, email, opening, reply } = await strangerTicket();
    const closed = await createTicketRow({ customerId: (await createCustomerRow()).id, status: "closed" });
    await getPrisma().ticket.update({ where: { id: ticket.id }, data: { followUpOfId: closed.id } });
    const file = (name: string, contentType: string, contentId: string | null) => ({
      ticketId: ticket.id,
      name,
      contentType,
      size: 3,
      sha256: "0".repeat(64),
      data: Buffer.from("abc"),
      contentId,
    });
    await getPrisma().ticketAttachment.createMany({
      data: [
        file("logo.png", "image/png", "logo@mail"),
        file("photo.png", "image/png", null),
        file("report.pdf", "application/pdf", "report@mail"),
      ],
    });
    const shown = (await getTicket({ input: { number: ticket.number } }))!;
    // Only an image the mail showed in place (cid:) is inline; other files stay attachments.
    expect(Object.fromEntries(shown.attachments.map((attachment) => [attachment.name, attachment.inline]))).toEqual({
      "logo.png": true,
      "photo.png": false,
      "report.pdf": false,
    });
    expect(shown).toMatchObject({
      source: "email",
      customer: null,
      requesterEmail: email,
      followUpOf: { number: closed.number, title: closed.title },
      openingMail: {
        id: opening.id,
        fromAddress: email,
        fromName: "Jane Stranger",
        fullText: "It blinks orange.\n\n-- \nJane",
        rawKept: true,
      },
    });
    expect(shown.messages).toHaveLength(1);
    expect(shown.messages[0]).toMatchObject({
      body: "Still blinking.",
      author: { type: "sender", name: email },
      mail: null,
      inboundMail: {
        id: reply.id,
        fromName: null,
        rawKept: false,
        fullText: expect.stringContaining("> What colour?"),
      },
    });
    const plain = await createTicketRow({ customerId: closed.customerId! });
    expect((await getTicket({ input: { number: plain.number } }))!).toMatchObject({
      openingMail: null,
      followUpOf: null,
    });
  });

  it("File under customer sent at once by several technicians files the ticket once; the others get 409", async () => {
    const actors = await Promise.all([technician(), technician(), technician(), technician()]);
    const [first, second] = [await createCustomerRow(), await createCustomerRow()];
    const { ticket, email, message } = await strangerTicket();
    const results = await Promise.allSettled(
      actors.map((actor, index) =>
        assignTicketCustomer({
          actor,
          input: { ticketId: ticket.id, customerId: (index % 2 ? second : first).id },
        }),
      ),
    );
    const filed = results.filter((result) => result.status === "fulfilled");
    expect(filed).toHaveLength(1);
    for (const result of results.filter((result) => result.status === "rejected"))
      expect(result.reason).toMatchObject({ status: 409, code: "already_filed" });
    const winner = filed[0]!.value;
    const stored = await getPrisma().ticket.findUniqueOrThrow({
      where: { id: ticket.id },
      include: { contact: true },
    });
    expect(stored.customerId).toBe(winner.customer.id);
    expect(stored.contact).toMatchObject({ customerId: winner.customer.id, email, fullName: "Jane Stranger" });
    expect(await getPrisma().contact.count({ where: { email } })).toBe(1);
    expect((await getPrisma().ticketMessage.findUniqueOrThrow({ where: { id: message.id } })).authorContactId).toBe(
      stored.contactId,
    );
    const audit = await getPrisma().auditEvent.findMany({
      where: { subject: `ticket:${ticket.id}`, action: "ticket.customer_assigned" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ customerId: winner.customer.id, contactId: stored.contactId });
    expect((await getTicket({ input: { number: ticket.number } }))!.messages[0]!.author).toEqual({
      type: "contact",
      name: "Jane Stranger",
    });
  });

  it("two tickets of one sender filed at once under one customer share one contact; an existing contact is reused as it is", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    const email = `${unique("twice")}@example.net`;
    const tickets = await Promise.all([strangerTicket({ email }), strangerTicket({ email, name: null })]);
    const filed = await Promise.all(
      tickets.map(({ ticket }) =>
        assignTicketCustomer({ actor, input: { ticketId: ticket.id, customerId: customer.id } }),
      ),
    );
    expect(filed[0]!.contact!.id).toBe(filed[1]!.contact!.id);
    expect(await getPrisma().contact.count({ where: { customerId: customer.id, email } })).toBe(1);

    const known = await getPrisma().contact.create({
      data: { customerId: customer.id, email: `${unique("known")}@example.net`, fullName: "Known Person" },
    });
    const { ticket } = await strangerTicket({ email: known.email, name: "Someone Else" });
    const result = await assignTicketCustomer({ actor, input: { ticketId: ticket.id, customerId: customer.id } });
    expect(result.contact).toEqual({ id: known.id, fullName: "Known Person", email: known.email });
  });

  it("a sender the mail gave no name becomes a contact named by their address", async () => {
    const { ticket, email } = await strangerTicket({ name: null });
    const customer = await createCustomerRow();
    const result = await assignTicketCustomer({
      actor: await technician(),
      input: { ticketId: ticket.id, customerId: customer.id },
    });
    expect(result.contact).toMatchObject({ fullName: email, email });
  });

  it("filing an unknown ticket or under an unknown customer is 404 and changes nothing", async () => {
    const actor = await technician();
    const { ticket } = await strangerTicket();
    const customer = await createCustomerRow();
    await expect(
      assignTicketCustomer({ actor, input: { ticketId: ticket.id, customerId: crypto.randomUUID() } }),
    ).rejects.toMatchObject({ status: 404, message: "This customer does not exist." });
    await expect(
      assignTicketCustomer({ actor, input: { ticketId: crypto.randomUUID(), customerId: customer.id } }),
    ).rejects.toMatchObject({ status: 404, message: "This ticket does not exist." });
    expect((await getPrisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).customerId).toBeNull();
  });

  it("the Customer page's contacts say which address bounces, why and since when", async () => {
    const customer = await createCustomerRow();
    const at = new Date("2026-11-30T10:42:00Z");
    const [bouncing, fine] = await Promise.all([
      getPrisma().contact.create({
        data: {
          customerId: customer.id,
          email: `${unique("gone")}@example.net`,
          fullName: "Gone Away",
          emailBouncedAt: at,
          emailBounceReason: "550 5.1.1 mailbox unavailable",
        },
      }),
      getPrisma().contact.create({
        data: { customerId: customer.id, email: `${unique("here")}@example.net`, fullName: "Still Here" },
      }),
    ]);
    const contacts = await listContacts({ input: { customerId: customer.id } });
    expect(contacts.find((contact) => contact.id === bouncing.id)).toMatchObject({
      emailBouncedAt: at,
      emailBounceReason: "550 5.1.1 mailbox unavailable",
    });
    expect(contacts.find((contact) => contact.id === fine.id)).toMatchObject({
      emailBouncedAt: null,
      emailBounceReason: null,
    });
  });
});
