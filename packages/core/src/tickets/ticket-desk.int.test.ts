import { getPrisma } from "@helpline/db";
import {
  createCustomerRow,
  createHelpdeskDeviceRow,
  createTechnicianRow,
  createTicketRow,
  unique,
} from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueMail } from "../mail/deliver-due-mail.ts";
import { createMailTransport } from "../mail/mail-transport.ts";
import { SmtpSink } from "../testing/smtp-sink.ts";
import { addTicketNote } from "./add-ticket-note.ts";
import { createConsoleTicket } from "./create-console-ticket.ts";
import { getDashboard } from "./get-dashboard.ts";
import { getTicket } from "./get-ticket.ts";
import { getTicketAttachment } from "./get-ticket-attachment.ts";
import { listTickets } from "./list-tickets.ts";
import { replyToTicket } from "./reply-to-ticket.ts";
import { ZListTicketsInput } from "./ticket-input.ts";
import { updateTicket } from "./update-ticket.ts";

const sink = new SmtpSink();
let transport: ReturnType<typeof createMailTransport>;
beforeAll(async () => {
  transport = createMailTransport({
    mode: "smtp",
    url: await sink.start(),
    from: "Helpline <helpdesk@example.test>",
    replyTo: "helpdesk@example.test",
  });
});
afterAll(async () => {
  transport.close();
  await sink.stop();
});

const technician = async () => {
  const row = await createTechnicianRow();
  return { id: row.id, role: "technician" as const, name: row.name };
};
const list = (actor: { id: string; role: "technician" }, input: Record<string, unknown>) =>
  listTickets({ actor, input: ZListTicketsInput.parse(input) });
const numbers = (page: { tickets: { number: number }[] }) => page.tickets.map((ticket) => ticket.number);
const setUpdatedAt = (id: string, at: Date) => getPrisma().ticket.update({ where: { id }, data: { updatedAt: at } });
const PUBLIC_URL = "https://help.example.test";

describe("the Tickets list", () => {
  it("shows unresolved tickets by default and filters by status, priority, assignee and search", async () => {
    const actor = await technician();
    const other = await technician();
    const customer = await createCustomerRow();
    const { contact } = await createHelpdeskDeviceRow({ customerId: customer.id });
    const open = await createTicketRow({
      customerId: customer.id,
      contactId: contact!.id,
      title: "VPN drops every hour",
      priority: "high",
      assigneeId: actor.id,
    });
    const pending = await createTicketRow({
      customerId: customer.id,
      status: "pending",
      title: "New laptop for Bob",
      assigneeId: other.id,
    });
    const resolved = await createTicketRow({ customerId: customer.id, status: "resolved", title: "Printer jammed" });
    const closed = await createTicketRow({
      customerId: customer.id,
      status: "closed",
      title: "Outlook password",
      priority: "low",
    });
    await createTicketRow({ customerId: (await createCustomerRow()).id, title: "VPN at another customer" });
    const mine = { customerId: customer.id };

    const unresolved = await list(actor, mine);
    expect(numbers(unresolved).sort()).toEqual([open.number, pending.number].sort());
    expect(unresolved.tickets.find((ticket) => ticket.id === open.id)).toMatchObject({
      customer: { name: customer.name },
      contact: { email: contact!.email },
      assignee: { id: actor.id },
    });
    expect(numbers(await list(actor, { ...mine, status: "all" })).sort()).toEqual(
      [open, pending, resolved, closed].map((ticket) => ticket.number).sort(),
    );
    expect(numbers(await list(actor, { ...mine, status: "resolved,closed" })).sort()).toEqual(
      [resolved.number, closed.number].sort(),
    );
    expect(numbers(await list(actor, { ...mine, status: "all", priority: "low" }))).toEqual([closed.number]);
    expect(numbers(await list(actor, { ...mine, assignee: "me" }))).toEqual([open.number]);
    expect(numbers(await list(actor, { ...mine, assignee: other.id }))).toEqual([pending.number]);
    expect(numbers(await list(actor, { ...mine, status: "all", assignee: "unassigned" })).sort()).toEqual(
      [resolved.number, closed.number].sort(),
    );
    expect(numbers(await list(actor, { ...mine, search: "vpn" }))).toEqual([open.number]);
    expect(numbers(await list(actor, { status: "all", search: `#${closed.number}` }))).toEqual([closed.number]);
    expect(numbers(await list(actor, { status: "all", search: String(pending.number) }))).toEqual([pending.number]);
    expect(numbers(await list(actor, { ...mine, search: "nothing like this" }))).toEqual([]);
  });

  it("pages by keyset through tickets that share one updatedAt, forwards and back, without repeats or gaps", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    const tickets: Awaited<ReturnType<typeof createTicketRow>>[] = [];
    for (let index = 0; index < 120; index++)
      tickets.push(await createTicketRow({ customerId: customer.id, status: index % 3 === 0 ? "pending" : "open" }));
    // Three timestamps for 120 tickets: most neighbours tie, so only the id can order them.
    const base = Date.now() - 60_000;
    await Promise.all(tickets.map((ticket, index) => setUpdatedAt(ticket.id, new Date(base + (index % 3) * 1000))));
    const expected = (
      await getPrisma().ticket.findMany({
        where: { customerId: customer.id },
        orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
        select: { number: true },
      })
    ).map((row) => row.number);

    const first = await list(actor, { customerId: customer.id });
    expect(first.tickets).toHaveLength(50);
    expect(first.previousCursor).toBeNull();
    const second = await list(actor, { customerId: customer.id, cursor: first.nextCursor });
    const third = await list(actor, { customerId: customer.id, cursor: second.nextCursor });
    expect(third.tickets).toHaveLength(20);
    expect(third.nextCursor).toBeNull();
    expect([...numbers(first), ...numbers(second), ...numbers(third)]).toEqual(expected);

    const backToSecond = await list(actor, { customerId: customer.id, cursor: third.previousCursor });
    expect(numbers(backToSecond)).toEqual(numbers(second));
    const backToFirst = await list(actor, { customerId: customer.id, cursor: backToSecond.previousCursor });
    expect(numbers(backToFirst)).toEqual(numbers(first));
    expect(backToFirst.previousCursor).toBeNull();

    // Only one status: a single index range, same order.
    const pendingOnly = await list(actor, { customerId: customer.id, status: "pending" });
    expect(numbers(pendingOnly)).toEqual(
      expected.filter((number) => tickets.find((ticket) => ticket.number === number)!.status === "pending"),
    );
    // A cursor that is not ours starts again at the first page.
    expect(numbers(await list(actor, { customerId: customer.id, cursor: "bm90LWEtY3Vyc29y" }))).toEqual(numbers(first));
    const outOfRange = Buffer.from(JSON.stringify([1e16, tickets[0]!.id, "n"])).toString("base64url");
    expect(numbers(await list(actor, { customerId: customer.id, cursor: outOfRange }))).toEqual(numbers(first));
  });
});

describe("the ticket page", () => {
  it("reads a ticket with its people, device snapshot, conversation in order and attachment metadata", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    const { contact, device } = await createHelpdeskDeviceRow({ customerId: customer.id, fullName: "Alice Martin" });
    const ticket = await createTicketRow({ customerId: customer.id, contactId: contact!.id, deviceId: device.id });
    await getPrisma().ticket.update({
      where: { id: ticket.id },
      data: {
        snapshot: {
          hostname: device.hostname,
          os: "Windows 11 Pro 10.0",
          ip: "10.0.0.7",
          agentVersion: "1.0.0",
          user: "CONTOSO\\alice",
        },
        attachments: {
          create: {
            name: "screen.png",
            contentType: "image/png",
            size: 3,
            sha256: "x",
            data: new Uint8Array([1, 2, 3]),
          },
        },
      },
    });
    await replyToTicket({ actor, input: { ticketId: ticket.id, body: "Restart it please." }, publicUrl: PUBLIC_URL });
    await addTicketNote({ actor, input: { ticketId: ticket.id, body: "Known driver bug." } });

    const read = await getTicket({ input: { number: ticket.number } });
    expect(read).toMatchObject({
      id: ticket.id,
      contact: { fullName: "Alice Martin", email: contact!.email },
      customer: { id: customer.id },
      device: { id: device.id, hostname: device.hostname },
      snapshot: {
        hostname: device.hostname,
        os: "Windows 11 Pro 10.0",
        ip: "10.0.0.7",
        agentVersion: "1.0.0",
        user: "CONTOSO\\alice",
      },
      messages: [
        { kind: "reply", body: "Restart it please.", author: { type: "technician", name: actor.name } },
        { kind: "note", body: "Known driver bug.", author: { type: "technician", name: actor.name } },
      ],
      attachments: [{ name: "screen.png", contentType: "image/png", size: 3, previewable: true }],
    });
    expect(JSON.stringify(read)).not.toContain('"data"');
    const attachmentId = read!.attachments[0]!.id;
    expect(Buffer.from((await getTicketAttachment({ input: { ticketId: ticket.id, attachmentId } }))!.data)).toEqual(
      Buffer.from([1, 2, 3]),
    );
    // Scoped by the ticket: another ticket's id does not open it.
    const stranger = await createTicketRow({ customerId: customer.id });
    expect(await getTicketAttachment({ input: { ticketId: stranger.id, attachmentId } })).toBeNull();
    expect(await getTicket({ input: { number: 2_000_000_000 } })).toBeNull();
  });
});

describe("answering a ticket", () => {
  it("a reply is stored, mailed to the contact through the outbox, bumps the ticket and is audited", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    const email = `${unique("alice")}@example.test`;
    const { contact } = await createHelpdeskDeviceRow({ customerId: customer.id, email, fullName: "Alice Martin" });
    const ticket = await createTicketRow({
      customerId: customer.id,
      contactId: contact!.id,
      title: "Screen <b>flickers</b>",
    });
    await setUpdatedAt(ticket.id, new Date(Date.now() - 3_600_000));

    const result = await replyToTicket({
      actor,
      input: { ticketId: ticket.id, body: "Try another cable.\n\nThanks" },
      publicUrl: PUBLIC_URL,
    });
    expect(result.sentTo).toBe(email);
    while ((await deliverDueMail({ transport, to: email })).delivered > 0);
    const mails = sink.messages.filter((message) => JSON.stringify(message.to).includes(email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Re: [#${ticket.number}] Screen <b>flickers</b>`);
    expect(mails[0]!.text).toContain("Try another cable.");
    expect(mails[0]!.text).toContain(`${PUBLIC_URL}/portal/tickets/${ticket.number}`);
    expect(mails[0]!.html).toContain("Screen &#60;b&#62;flickers&#60;/b&#62;");

    const after = await getPrisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.updatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const message = await getPrisma().ticketMessage.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(message).toMatchObject({
      kind: "reply",
      authorTechnicianId: actor.id,
      body: "Try another cable.\n\nThanks",
    });
    expect(
      await getPrisma().auditEvent.findFirstOrThrow({
        where: { subject: `ticket:${ticket.id}`, action: "ticket.replied" },
      }),
    ).toMatchObject({ actorId: actor.id, data: { number: ticket.number, email } });
  });

  it("a reply on a ticket without a contact mails nobody; an unknown ticket is refused", async () => {
    const actor = await technician();
    const ticket = await createTicketRow({ customerId: (await createCustomerRow()).id });
    expect(
      await replyToTicket({ actor, input: { ticketId: ticket.id, body: "Noted." }, publicUrl: PUBLIC_URL }),
    ).toMatchObject({ sentTo: null });
    // Scoped to this ticket: other test files write mail to the same database at the same time.
    expect(await getPrisma().outboxMessage.count({ where: { subject: { contains: `[#${ticket.number}]` } } })).toBe(0);
    await expect(
      replyToTicket({ actor, input: { ticketId: crypto.randomUUID(), body: "Hi" }, publicUrl: PUBLIC_URL }),
    ).rejects.toMatchObject({ status: 404, message: "This ticket does not exist." });
  });

  it("an internal note is never mailed", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    const email = `${unique("bob")}@example.test`;
    const { contact } = await createHelpdeskDeviceRow({ customerId: customer.id, email });
    const ticket = await createTicketRow({ customerId: customer.id, contactId: contact!.id });
    await addTicketNote({ actor, input: { ticketId: ticket.id, body: "Customer is on the old plan." } });
    expect(await getPrisma().outboxMessage.count({ where: { to: email } })).toBe(0);
    expect(await getPrisma().ticketMessage.findFirstOrThrow({ where: { ticketId: ticket.id } })).toMatchObject({
      kind: "note",
      authorTechnicianId: actor.id,
    });
    expect(
      await getPrisma().auditEvent.count({ where: { subject: `ticket:${ticket.id}`, action: "ticket.note_added" } }),
    ).toBe(1);
  });
});

describe("status, priority and assignee", () => {
  it("audits each change from → to, bumps the ticket, and a no-op change writes nothing", async () => {
    const actor = await technician();
    const assignee = await technician();
    const ticket = await createTicketRow({ customerId: (await createCustomerRow()).id });
    const past = new Date(Date.now() - 3_600_000);
    await setUpdatedAt(ticket.id, past);

    const changed = await updateTicket({
      actor,
      input: { ticketId: ticket.id, status: "pending", priority: "critical", assigneeId: assignee.id },
    });
    expect(changed).toMatchObject({
      changed: true,
      status: "pending",
      priority: "critical",
      assignee: { id: assignee.id, name: assignee.name },
    });
    const row = await getPrisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(row).toMatchObject({ status: "pending", priority: "critical", assigneeId: assignee.id });
    expect(row.updatedAt.getTime()).toBeGreaterThan(past.getTime());
    const audit = await getPrisma().auditEvent.findFirstOrThrow({
      where: { subject: `ticket:${ticket.id}`, action: "ticket.updated" },
    });
    expect(audit).toMatchObject({
      actorId: actor.id,
      data: {
        number: ticket.number,
        changes: {
          status: { from: "open", to: "pending" },
          priority: { from: "medium", to: "critical" },
          assignee: { from: null, to: assignee.name },
        },
      },
    });

    await setUpdatedAt(ticket.id, past);
    const same = await updateTicket({
      actor,
      input: { ticketId: ticket.id, status: "pending", assigneeId: assignee.id },
    });
    expect(same).toMatchObject({ changed: false });
    expect((await getPrisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).updatedAt).toEqual(past);
    expect(await getPrisma().auditEvent.count({ where: { subject: `ticket:${ticket.id}` } })).toBe(1);

    await updateTicket({ actor, input: { ticketId: ticket.id, assigneeId: null } });
    expect((await getPrisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).assigneeId).toBeNull();
    const disabled = await createTechnicianRow({ disabled: true });
    await expect(
      updateTicket({ actor, input: { ticketId: ticket.id, assigneeId: disabled.id } }),
    ).rejects.toMatchObject({ code: "invalid_assignee" });
    await expect(
      updateTicket({ actor, input: { ticketId: crypto.randomUUID(), status: "closed" } }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("a ticket opened in the console", () => {
  it("is the customer's, for one of its contacts, who gets the receipt; the audit says who opened it", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    const email = `${unique("carol")}@example.test`;
    const { contact } = await createHelpdeskDeviceRow({ customerId: customer.id, email, fullName: "Carol Jones" });
    const created = await createConsoleTicket({
      actor,
      input: {
        customerId: customer.id,
        contactId: contact!.id,
        title: "  Phone: printer offline  ",
        description: "Called at 9:10.",
        priority: "high",
        assigneeId: actor.id,
      },
      publicUrl: PUBLIC_URL,
    });
    expect(created.receiptTo).toBe(email);
    const ticket = await getPrisma().ticket.findUniqueOrThrow({ where: { number: created.number } });
    expect(ticket).toMatchObject({
      customerId: customer.id,
      contactId: contact!.id,
      title: "Phone: printer offline",
      description: "Called at 9:10.",
      priority: "high",
      status: "open",
      assigneeId: actor.id,
      openedById: actor.id,
      source: "console",
      deviceId: null,
    });
    const receipt = await getPrisma().outboxMessage.findFirstOrThrow({ where: { to: email } });
    expect(receipt.subject).toBe(`[#${created.number}] Phone: printer offline`);
    expect(receipt.text).toContain(`${PUBLIC_URL}/portal/tickets/${created.number}`);
    expect(
      await getPrisma().auditEvent.findFirstOrThrow({
        where: { subject: `ticket:${ticket.id}`, action: "ticket.created" },
      }),
    ).toMatchObject({
      actorType: "technician",
      actorId: actor.id,
      data: { source: "console", number: created.number },
    });
  });

  it("may be for nobody in particular (no mail), and never for another customer's contact", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    const created = await createConsoleTicket({
      actor,
      input: { customerId: customer.id, title: "Renew the firewall licence" },
      publicUrl: PUBLIC_URL,
    });
    expect(created.receiptTo).toBeNull();
    expect(await getPrisma().ticket.findUniqueOrThrow({ where: { number: created.number } })).toMatchObject({
      contactId: null,
      assigneeId: null,
      priority: "medium",
    });
    expect(await getPrisma().outboxMessage.count({ where: { subject: { contains: `[#${created.number}]` } } })).toBe(0);

    const elsewhere = await createHelpdeskDeviceRow({ customerId: (await createCustomerRow()).id });
    const before = await getPrisma().ticket.count({ where: { customerId: customer.id } });
    await expect(
      createConsoleTicket({
        actor,
        input: { customerId: customer.id, contactId: elsewhere.contact!.id, title: "Sneaky" },
        publicUrl: PUBLIC_URL,
      }),
    ).rejects.toMatchObject({ status: 400, code: "invalid_contact" });
    await expect(
      createConsoleTicket({
        actor,
        input: { customerId: crypto.randomUUID(), title: "Nobody's" },
        publicUrl: PUBLIC_URL,
      }),
    ).rejects.toMatchObject({ status: 400, code: "invalid_customer" });
    const disabled = await createTechnicianRow({ disabled: true });
    await expect(
      createConsoleTicket({
        actor,
        input: { customerId: customer.id, title: "For a leaver", assigneeId: disabled.id },
        publicUrl: PUBLIC_URL,
      }),
    ).rejects.toMatchObject({ code: "invalid_assignee" });
    await expect(
      createConsoleTicket({ actor, input: { customerId: customer.id, title: "   " }, publicUrl: PUBLIC_URL }),
    ).rejects.toThrow("Give the ticket a title.");
    // Nothing half-written by the refusals.
    expect(await getPrisma().ticket.count({ where: { customerId: customer.id } })).toBe(before);
  });
});

describe("the Dashboard", () => {
  it("counts tickets by status and unresolved by customer, lists the newest, and counts devices online", async () => {
    const customer = await createCustomerRow();
    for (let index = 0; index < 3; index++)
      await createTicketRow({ customerId: customer.id, status: index === 2 ? "pending" : "open" });
    await createTicketRow({ customerId: customer.id, status: "closed" });
    const newest = await createTicketRow({ customerId: customer.id, title: "The newest one" });
    const dashboard = await getDashboard();
    expect(dashboard.ticketsByStatus.map((row) => row.status)).toEqual(["open", "pending", "resolved", "closed"]);
    expect(dashboard.ticketsByStatus.every((row) => row.count >= 0)).toBe(true);
    // Newest first; other test files may have opened tickets since ours, pushing it down the list.
    const listed = dashboard.newestTickets.map((ticket) => ticket.number);
    expect(listed).toEqual([...listed].sort((a, b) => b - a));
    expect(listed[0]).toBeGreaterThanOrEqual(newest.number);
    const ours = dashboard.newestTickets.find((ticket) => ticket.number === newest.number);
    if (ours) expect(ours).toMatchObject({ title: "The newest one", customer: { name: customer.name } });
    else expect(listed.every((number) => number > newest.number)).toBe(true);
    // Other test files share this database: this customer (4 unresolved) may or may not be top 8.
    const mine = dashboard.unresolvedByCustomer.find((row) => row.customerId === customer.id);
    if (mine) expect(mine).toMatchObject({ name: customer.name, count: 4 });
    expect(dashboard.devices.online).toBeLessThanOrEqual(dashboard.devices.total);
  });

  it("ranks the Unassigned customers group by its tickets like any customer", async () => {
    // Mail from unknown senders: more unresolved tickets than most customers of this database have.
    // Other test files share the database (and file their own stranger tickets), never these.
    const strangers = 12;
    // A customer with fewer: the group must rank above it.
    await createTicketRow({ customerId: (await createCustomerRow()).id });
    await getPrisma().ticket.createMany({
      data: Array.from({ length: strangers }, () => ({
        title: `Mail ${unique("stranger")}`,
        description: "It blinks orange.",
        source: "email" as const,
        requesterEmail: `${unique("stranger")}@example.net`,
      })),
    });
    const { unresolvedByCustomer: rows } = await getDashboard();
    const counts = rows.map((row) => row.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const unassigned = rows.find((row) => row.customerId === null);
    if (unassigned) expect(unassigned.count).toBeGreaterThanOrEqual(strangers);
    // Left out only when eight customers each have at least as many.
    else expect(rows.length === 8 && rows.every((row) => row.count >= strangers)).toBe(true);
  });
});
