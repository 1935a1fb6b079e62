import { getPrisma } from "@helpline/db";
import {
  createCustomerRow,
  createHelpdeskDeviceRow,
  createTechnicianRow,
  createTicketRow,
  unique,
} from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { createAgentPortalLink } from "./create-agent-portal-link.ts";
import { createPortalTicket } from "./create-portal-ticket.ts";
import { getPortalAttachment } from "./get-portal-attachment.ts";
import { getPortalSession } from "./get-portal-session.ts";
import { getPortalTicket } from "./get-portal-ticket.ts";
import { ZListPortalTicketsInput } from "./portal-input.ts";
import { listPortalTickets } from "./list-portal-tickets.ts";
import { redeemPortalLink } from "./redeem-portal-link.ts";
import { replyAsContact } from "./reply-as-contact.ts";
import { requestPortalSignIn } from "./request-portal-sign-in.ts";
import { setPortalTicketStatus } from "./set-portal-ticket-status.ts";
import { hashSecret } from "../secrets.ts";

const PUBLIC_URL = "https://helpdesk.example.test";

async function signedIn(email: string) {
  const row = await getPrisma().contact.findFirstOrThrow({ where: { email } });
  const token = `t-${unique()}`;
  await getPrisma().portalLink.create({
    data: { contactId: row.id, tokenHash: hashSecret(token), via: "email", expiresAt: new Date(Date.now() + 60_000) },
  });
  const { sessionToken } = await redeemPortalLink({ token });
  return (await getPortalSession({ sessionToken }))!;
}

/** One customer with two contacts (alice, bob) and another customer with one (eve), each with a ticket. */
async function world() {
  const contoso = await createCustomerRow();
  const fabrikam = await createCustomerRow();
  const alice = await createHelpdeskDeviceRow({ customerId: contoso.id, email: `${unique("alice")}@contoso.test` });
  const bob = await createHelpdeskDeviceRow({ customerId: contoso.id, email: `${unique("bob")}@contoso.test` });
  const eve = await createHelpdeskDeviceRow({ customerId: fabrikam.id, email: `${unique("eve")}@fabrikam.test` });
  const tickets = {
    alice: await createTicketRow({ customerId: contoso.id, contactId: alice.contact!.id, title: "Alice's printer" }),
    bob: await createTicketRow({ customerId: contoso.id, contactId: bob.contact!.id, title: "Bob's VPN" }),
    eve: await createTicketRow({ customerId: fabrikam.id, contactId: eve.contact!.id, title: "Eve's laptop" }),
  };
  return { contoso, alice, bob, eve, tickets };
}

describe("Customer Portal services", () => {
  it("a contact reaches only their own tickets; a main contact their customer's; nobody another customer's", async () => {
    const { alice, bob, eve, tickets } = await world();
    const asAlice = await signedIn(alice.contact!.email);
    const titles = async (contact: typeof asAlice, view: "mine" | "customer" = "mine") =>
      (await listPortalTickets({ contact, input: ZListPortalTicketsInput.parse({ view }) })).tickets.map(
        (ticket) => ticket.title,
      );
    expect(await titles(asAlice)).toEqual(["Alice's printer"]);
    expect(await titles(asAlice, "customer")).toEqual(["Alice's printer"]); // not a main contact: the view is ignored
    expect(await getPortalTicket({ contact: asAlice, number: tickets.bob.number })).toBeNull();
    expect(await getPortalTicket({ contact: asAlice, number: tickets.eve.number })).toBeNull();
    await expect(
      replyAsContact({ contact: asAlice, input: { number: tickets.eve.number, body: "hi" }, consoleUrl: PUBLIC_URL }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      setPortalTicketStatus({ contact: asAlice, input: { number: tickets.bob.number, action: "close" } }),
    ).rejects.toMatchObject({ status: 404 });

    await getPrisma().contact.update({ where: { id: bob.contact!.id }, data: { isMainContact: true } });
    const asBob = await signedIn(bob.contact!.email);
    expect((await titles(asBob, "customer")).sort()).toEqual(["Alice's printer", "Bob's VPN"]);
    expect(await titles(asBob, "mine")).toEqual(["Bob's VPN"]);
    expect((await getPortalTicket({ contact: asBob, number: tickets.alice.number }))?.title).toBe("Alice's printer");
    expect(await getPortalTicket({ contact: asBob, number: tickets.eve.number })).toBeNull();
    expect(eve.contact).not.toBeNull();
  });

  it("shows the public conversation only: internal notes and their files never reach the portal", async () => {
    const { alice, tickets } = await world();
    const technician = await createTechnicianRow();
    const prisma = getPrisma();
    const note = await prisma.ticketMessage.create({
      data: {
        ticketId: tickets.alice.id,
        kind: "note",
        authorTechnicianId: technician.id,
        body: "Secret: the admin password is in the vault",
      },
    });
    await prisma.ticketMessage.create({
      data: {
        ticketId: tickets.alice.id,
        kind: "reply",
        authorTechnicianId: technician.id,
        body: "Try turning it off and on.",
      },
    });
    const hidden = await prisma.ticketAttachment.create({
      data: {
        ticketId: tickets.alice.id,
        messageId: note.id,
        name: "internal.txt",
        contentType: "text/plain",
        size: 1,
        sha256: "x",
        data: new Uint8Array([1]),
      },
    });
    const asAlice = await signedIn(alice.contact!.email);
    const ticket = (await getPortalTicket({ contact: asAlice, number: tickets.alice.number }))!;
    expect(ticket.messages.map((message) => message.body)).toEqual(["Try turning it off and on."]);
    expect(JSON.stringify(ticket)).not.toContain("vault");
    expect(ticket.attachments).toEqual([]);
    expect(
      await getPortalAttachment({ contact: asAlice, ticketNumber: tickets.alice.number, attachmentId: hidden.id }),
    ).toBeNull();
  });

  it("a contact's reply reopens a pending ticket and mails the assignee; closed tickets must be reopened first", async () => {
    const { alice, contoso } = await world();
    const technician = await createTechnicianRow();
    const ticket = await createTicketRow({
      customerId: contoso.id,
      contactId: alice.contact!.id,
      status: "pending",
      assigneeId: technician.id,
    });
    const asAlice = await signedIn(alice.contact!.email);
    const replied = await replyAsContact({
      contact: asAlice,
      input: { number: ticket.number, body: "Still broken." },
      consoleUrl: PUBLIC_URL,
    });
    expect(replied.reopened).toBe(true);
    expect((await getPrisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("open");
    const mail = await getPrisma().outboxMessage.findFirstOrThrow({ where: { to: technician.email } });
    expect(mail.subject).toContain(`[#${ticket.number}]`);
    expect(mail.text).toContain(`${PUBLIC_URL}/tickets/${ticket.number}`);

    await setPortalTicketStatus({ contact: asAlice, input: { number: ticket.number, action: "close" } });
    await expect(
      replyAsContact({ contact: asAlice, input: { number: ticket.number, body: "x" }, consoleUrl: PUBLIC_URL }),
    ).rejects.toMatchObject({ code: "ticket_closed" });
    expect(
      (await setPortalTicketStatus({ contact: asAlice, input: { number: ticket.number, action: "reopen" } })).status,
    ).toBe("open");
  });

  it("a new portal ticket belongs to the contact, with a receipt", async () => {
    const { alice } = await world();
    const asAlice = await signedIn(alice.contact!.email);
    const created = await createPortalTicket({
      contact: asAlice,
      input: { title: "Monitor flickers", description: "Since the update." },
      publicUrl: PUBLIC_URL,
    });
    const ticket = await getPrisma().ticket.findUniqueOrThrow({ where: { number: created.number } });
    expect(ticket).toMatchObject({
      contactId: alice.contact!.id,
      customerId: asAlice.customerId,
      source: "portal",
      deviceId: null,
    });
    expect(
      await getPrisma().outboxMessage.count({
        where: { to: alice.contact!.email, subject: { contains: `#${created.number}` } },
      }),
    ).toBe(1);
  });

  it("pages by keyset: a ticket that arrives between page 1 and page 2 is neither shown twice nor pushes one out", async () => {
    const { alice, contoso, tickets } = await world();
    for (let index = 1; index < 75; index++)
      await createTicketRow({ customerId: contoso.id, contactId: alice.contact!.id });
    const asAlice = await signedIn(alice.contact!.email);
    const list = (input: Record<string, unknown>) =>
      listPortalTickets({ contact: asAlice, input: ZListPortalTicketsInput.parse(input) });
    const numbers = (page: { tickets: { number: number }[] }) => page.tickets.map((ticket) => ticket.number);
    const before = (
      await getPrisma().ticket.findMany({
        where: { contactId: alice.contact!.id },
        orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
        select: { number: true },
      })
    ).map((row) => row.number);
    expect(before).toHaveLength(75);
    expect(before).toContain(tickets.alice.number);

    const first = await list({});
    expect(numbers(first)).toEqual(before.slice(0, 50));
    expect(first.previousCursor).toBeNull();
    const arrived = await createPortalTicket({
      contact: asAlice,
      input: { title: "Arrived while paging", description: "New." },
      publicUrl: PUBLIC_URL,
    });
    const second = await list({ cursor: first.nextCursor });
    expect(numbers(second)).toEqual(before.slice(50));
    expect(second.nextCursor).toBeNull();
    const shown = [...numbers(first), ...numbers(second)];
    expect(new Set(shown).size).toBe(shown.length);

    // Back from page 2: page 1 as it was, and the newcomer one page further back.
    const backToFirst = await list({ cursor: second.previousCursor });
    expect(numbers(backToFirst)).toEqual(numbers(first));
    expect(numbers(await list({ cursor: backToFirst.previousCursor }))).toEqual([arrived.number]);
  });

  it("refuses a cursor that was edited, made for another contact or view, or is not a cursor", async () => {
    const { alice, bob } = await world();
    await getPrisma().contact.update({ where: { id: bob.contact!.id }, data: { isMainContact: true } });
    for (let index = 0; index < 50; index++)
      await createTicketRow({ customerId: alice.contact!.customerId, contactId: alice.contact!.id });
    const asAlice = await signedIn(alice.contact!.email);
    const asBob = await signedIn(bob.contact!.email);
    const cursor = (await listPortalTickets({ contact: asAlice, input: ZListPortalTicketsInput.parse({}) }))
      .nextCursor!;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const refused = { name: "DomainError", code: "invalid_cursor", status: 400 };
    const edited = `${cursor.slice(0, 10)}${cursor[10] === "A" ? "B" : "A"}${cursor.slice(11)}`;
    await expect(
      listPortalTickets({ contact: asAlice, input: ZListPortalTicketsInput.parse({ cursor: edited }) }),
    ).rejects.toMatchObject(refused);
    await expect(
      listPortalTickets({ contact: asBob, input: ZListPortalTicketsInput.parse({ cursor, view: "customer" }) }),
    ).rejects.toMatchObject(refused);
    const bobsOwn = (
      await listPortalTickets({ contact: asBob, input: ZListPortalTicketsInput.parse({ view: "customer" }) })
    ).nextCursor!;
    await expect(
      listPortalTickets({ contact: asBob, input: ZListPortalTicketsInput.parse({ cursor: bobsOwn, view: "mine" }) }),
    ).rejects.toMatchObject(refused);
    // The unsigned form a guesser would write: [updatedAt, id, direction] in base64url.
    const unsigned = Buffer.from(JSON.stringify([Date.now(), alice.contact!.id, "n"])).toString("base64url");
    await expect(
      listPortalTickets({ contact: asAlice, input: ZListPortalTicketsInput.parse({ cursor: unsigned }) }),
    ).rejects.toMatchObject(refused);
    const notACursor = ZListPortalTicketsInput.safeParse({ cursor: "../../etc/passwd" });
    expect(notACursor.success).toBe(false);
    expect(notACursor.error?.issues[0]?.message).toBe("This page link is not valid. Start again from the first page.");
  });
});

describe("portal sign-in", () => {
  it("answers the same for a contact and a stranger, mails only the contact, and throttles both", async () => {
    const { alice } = await world();
    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const stranger = `${unique("nobody")}@example.test`;
    expect(await requestPortalSignIn({ input: { email: alice.contact!.email }, ip, publicUrl: PUBLIC_URL })).toEqual({
      queued: true,
    });
    expect(await requestPortalSignIn({ input: { email: stranger }, ip, publicUrl: PUBLIC_URL })).toEqual({
      queued: false,
    });
    const mail = await getPrisma().outboxMessage.findFirstOrThrow({
      where: { to: alice.contact!.email, subject: { contains: "Sign in" } },
    });
    const link = /https:\/\/helpdesk\.example\.test\/portal\/sign-in\/(\S+)/.exec(mail.text!)![1]!;
    expect(await getPrisma().outboxMessage.count({ where: { to: stranger } })).toBe(0);

    const session = await redeemPortalLink({ token: link });
    expect((await getPortalSession({ sessionToken: session.sessionToken }))?.email).toBe(alice.contact!.email);
    await expect(redeemPortalLink({ token: link })).rejects.toMatchObject({ code: "invalid_link" }); // single use

    expect(
      await getPortalSession({ sessionToken: session.sessionToken, now: new Date(session.expiresAt.getTime() + 1) }),
    ).toBeNull(); // sessions expire
    expect(await getPortalSession({ sessionToken: "forged" })).toBeNull();

    // An emailed link is good for 15 minutes, not 16.
    const earlier = new Date(Date.now() - 16 * 60_000);
    await requestPortalSignIn({
      input: { email: alice.contact!.email },
      ip: `${ip}1`,
      publicUrl: PUBLIC_URL,
      now: earlier,
    });
    const stale = await getPrisma().outboxMessage.findFirstOrThrow({
      where: { to: alice.contact!.email, subject: { contains: "Sign in" } },
      orderBy: { createdAt: "desc" },
    });
    const staleLink = /\/portal\/sign-in\/(\S+)/.exec(stale.text!)![1]!;
    expect(staleLink).not.toBe(link);
    await expect(redeemPortalLink({ token: staleLink })).rejects.toMatchObject({ code: "invalid_link" });

    await requestPortalSignIn({ input: { email: stranger }, ip, publicUrl: PUBLIC_URL });
    await requestPortalSignIn({ input: { email: stranger }, ip, publicUrl: PUBLIC_URL });
    await expect(requestPortalSignIn({ input: { email: stranger }, ip, publicUrl: PUBLIC_URL })).rejects.toMatchObject({
      status: 429,
    });
  });

  it("the agent's link signs the confirmed contact in once, within 120 s", async () => {
    const { alice } = await world();
    const issued = new Date(Date.now() - 121_000);
    const stale = await createAgentPortalLink({
      deviceId: alice.device.id,
      profile: alice.profile.name,
      publicUrl: PUBLIC_URL,
      now: issued,
    });
    expect(stale.expiresInSeconds).toBe(120);
    await expect(redeemPortalLink({ token: stale.url.split("/").at(-1)! })).rejects.toMatchObject({
      code: "invalid_link",
    });
    const fresh = await createAgentPortalLink({
      deviceId: alice.device.id,
      profile: alice.profile.name,
      publicUrl: PUBLIC_URL,
    });
    const token = fresh.url.split("/").at(-1)!;
    const [first, second] = await Promise.allSettled([redeemPortalLink({ token }), redeemPortalLink({ token })]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);
    const unconfirmed = await createHelpdeskDeviceRow({ customerId: alice.device.customerId, confirmed: false });
    await expect(
      createAgentPortalLink({
        deviceId: unconfirmed.device.id,
        profile: unconfirmed.profile.name,
        publicUrl: PUBLIC_URL,
      }),
    ).rejects.toMatchObject({ code: "identity_unconfirmed" });
  });
});
