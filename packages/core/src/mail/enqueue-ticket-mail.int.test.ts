import { getPrisma } from "@helpline/db";
import { createCustomerRow, createTechnicianRow, unique } from "@helpline/db/testing";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../config/config.ts";
import { createConsoleTicket } from "../tickets/create-console-ticket.ts";
import { getTicket } from "../tickets/get-ticket.ts";
import { replyToTicket } from "../tickets/reply-to-ticket.ts";
import { SmtpSink } from "../testing/smtp-sink.ts";
import { deliverDueMail } from "./deliver-due-mail.ts";
import { enqueueMail } from "./enqueue-mail.ts";
import { enqueueTicketMail, REFERENCES_CAP } from "./enqueue-ticket-mail.ts";
import { LOOP_HEADER, mailDomain } from "./mail-identity.ts";
import { createMailTransport, type MailTransport } from "./mail-transport.ts";

const PUBLIC_URL = "https://help.example.test";
const sink = new SmtpSink();
let transport: MailTransport;
beforeAll(async () => {
  const url = await sink.start();
  // The transport as a serving process builds it: from the variables.
  const { mail } = parseConfig({
    ...process.env,
    SMTP_URL: url,
    HELPLINE_MAIL_FROM: "Helpline <helpdesk@example.test>",
    HELPLINE_MAIL_REPLY_TO: "support@example.test",
  });
  transport = createMailTransport(mail);
});
afterAll(async () => {
  transport.close();
  await sink.stop();
});

const deliverTo = async (address: string) => {
  while ((await deliverDueMail({ transport, to: address })).delivered > 0);
  return sink.messages.filter((parsed) => JSON.stringify(parsed.to).includes(address));
};
const header = (mail: ParsedMail, name: string) => mail.headers.get(name.toLowerCase()) as string | undefined;
const rawHeader = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((line) => line.key === name.toLowerCase())?.line ?? "";
const bare = (id: string | undefined) => (id ?? "").replace(/^<|>$/g, "");
const referencesOf = (mail: ParsedMail) => [mail.references ?? []].flat().map(bare);

const technician = async () => {
  const row = await createTechnicianRow();
  return { id: row.id, role: "technician" as const, name: row.name };
};
const contactNamed = async (fullName: string) => {
  const customer = await createCustomerRow();
  const contact = await getPrisma().contact.create({
    data: { customerId: customer.id, fullName, email: `${unique("jane")}@example.test` },
  });
  return { customer, contact };
};
/** A console ticket for a new contact called `fullName` (its receipt queued), as a technician opens it. */
const consoleTicketFor = async (options: { fullName: string; title: string }) => {
  const actor = await technician();
  const { customer, contact } = await contactNamed(options.fullName);
  await createConsoleTicket({
    actor,
    input: { customerId: customer.id, contactId: contact.id, title: options.title },
    publicUrl: PUBLIC_URL,
  });
  const ticket = await getPrisma().ticket.findFirstOrThrow({ where: { contactId: contact.id } });
  return { actor, contact, ticket };
};

describe("ticket mail is threadable", () => {
  it("receipt → reply → reply: unique ids under our domain, In-Reply-To and References chain them, all recorded as sent", async () => {
    const { actor, contact, ticket } = await consoleTicketFor({ fullName: "Doe, Jane (IT)", title: "Printer jams" });
    await replyToTicket({ actor, input: { ticketId: ticket.id, body: "Open tray 2." }, publicUrl: PUBLIC_URL });
    await replyToTicket({ actor, input: { ticketId: ticket.id, body: "Did it help?" }, publicUrl: PUBLIC_URL });

    const [receipt, first, second] = await deliverTo(contact.email);
    expect(sink.messages.filter((parsed) => JSON.stringify(parsed.to).includes(contact.email))).toHaveLength(3);
    const domain = mailDomain();
    const ids = [receipt!, first!, second!].map((mail) => bare(mail.messageId));
    for (const id of ids) expect(id).toMatch(new RegExp(`^[0-9a-f-]{36}@${domain.replace(/\./g, "\\.")}$`));
    expect(new Set(ids).size).toBe(3);

    expect(receipt!.subject).toBe(`[#${ticket.number}] Printer jams`);
    expect(receipt!.inReplyTo).toBeUndefined();
    expect(referencesOf(receipt!)).toEqual([]);
    expect(first!.subject).toBe(`Re: [#${ticket.number}] Printer jams`);
    // One subject for every later mail: Gmail and Outlook also group a conversation by subject.
    expect(second!.subject).toBe(first!.subject);
    expect(bare(first!.inReplyTo)).toBe(ids[0]);
    expect(referencesOf(first!)).toEqual([ids[0]]);
    expect(bare(second!.inReplyTo)).toBe(ids[1]);
    expect(referencesOf(second!)).toEqual([ids[0], ids[1]]);

    // RFC 3834: the receipt is automatic, a technician's reply is not.
    expect(header(receipt!, "Auto-Submitted")).toBe("auto-generated");
    expect(header(first!, "Auto-Submitted")).toBeUndefined();
    expect(header(second!, "Auto-Submitted")).toBeUndefined();
    for (const mail of [receipt!, first!, second!]) {
      expect(mail.replyTo?.value).toEqual([{ address: "support@example.test", name: "" }]);
      expect(header(mail, LOOP_HEADER)).toBe(domain);
      expect(mail.from?.value[0]?.address).toBe("helpdesk@example.test");
      // One recipient, the whole display name, commas and parentheses included.
      expect(mail.to).toMatchObject({ value: [{ name: "Doe, Jane (IT)", address: contact.email }] });
    }

    const recorded = await getPrisma().ticketMailId.findMany({
      where: { ticketId: ticket.id },
      orderBy: { createdAt: "asc" },
    });
    expect(recorded.map((row) => [row.messageId, row.direction])).toEqual(ids.map((id) => [id, "sent"]));
  });

  // Replies lock their ticket, so replies written at once still make one line of thread, not a
  // fan of mails all answering the receipt. On PGlite this checks the same one at a time.
  it("8 replies written at once thread in one line: each answers the one before, every id recorded once", async () => {
    const { actor, contact, ticket } = await consoleTicketFor({ fullName: "Ann Lee", title: "Busy ticket" });
    await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        replyToTicket({ actor, input: { ticketId: ticket.id, body: `Reply ${index}` }, publicUrl: PUBLIC_URL }),
      ),
    );
    const mails = await deliverTo(contact.email);
    expect(mails).toHaveLength(9);
    const recorded = await getPrisma().ticketMailId.findMany({
      where: { ticketId: ticket.id },
      orderBy: { createdAt: "asc" },
    });
    expect(recorded).toHaveLength(9);
    expect(recorded.every((row) => row.direction === "sent")).toBe(true);
    const byId = new Map(mails.map((mail) => [bare(mail.messageId), mail]));
    expect([...byId.keys()].sort()).toEqual(recorded.map((row) => row.messageId).sort());
    for (const [index, row] of recorded.entries()) {
      const mail = byId.get(row.messageId)!;
      const earlier = recorded.slice(0, index).map((previous) => previous.messageId);
      expect(mail.inReplyTo ? bare(mail.inReplyTo) : undefined).toBe(earlier.at(-1));
      expect(referencesOf(mail)).toEqual(earlier);
    }
  });

  it("encodes non-ASCII names and subjects (RFC 2047) and they arrive as written", async () => {
    const actor = await technician();
    for (const fullName of ["Zoë Ünal", "ليلى عبد الله"]) {
      const { customer, contact } = await contactNamed(fullName);
      await createConsoleTicket({
        actor,
        input: { customerId: customer.id, contactId: contact.id, title: "Écran noir — 画面" },
        publicUrl: PUBLIC_URL,
      });
      const [receipt] = await deliverTo(contact.email);
      expect(receipt!.to).toMatchObject({ value: [{ name: fullName, address: contact.email }] });
      expect(receipt!.subject).toMatch(/^\[#\d+\] Écran noir — 画面$/);
      // Headers on the wire are ASCII: the name and subject went out encoded.
      expect(rawHeader(receipt!, "to")).toMatch(/^To: =\?UTF-8\?/i);
      expect(rawHeader(receipt!, "subject")).toMatch(/^Subject: .*=\?UTF-8\?/i);
      expect(receipt!.text).toContain(`Hello ${fullName},`);
    }
  });

  it("answers a given message, adds a missing tag once, and caps References at the first and the latest ids", async () => {
    const { customer, contact } = await contactNamed("Ann Lee");
    const ticket = await getPrisma().ticket.create({
      data: {
        customerId: customer.id,
        contactId: contact.id,
        title: "Long thread",
        description: "",
        source: "console",
      },
    });
    const received = Array.from({ length: REFERENCES_CAP + 5 }, () => `${unique("customer")}@mail.example.org`);
    for (const [index, messageId] of received.entries()) {
      await getPrisma().ticketMailId.create({
        data: {
          messageId,
          ticketId: ticket.id,
          direction: "received",
          createdAt: new Date(Date.now() - 60_000 + index),
        },
      });
    }
    const answered = `<${unique("answered")}@mail.example.org>`;
    const sent = await getPrisma().$transaction((tx) =>
      enqueueTicketMail(tx, {
        ticketId: ticket.id,
        kind: "notification",
        to: { name: contact.fullName, address: contact.email },
        subject: "Status changed",
        text: "Resolved.",
        html: "<p>Resolved.</p>",
        inReplyTo: answered,
      }),
    );
    const tagged = await getPrisma().$transaction((tx) =>
      enqueueTicketMail(tx, {
        ticketId: ticket.id,
        kind: "notification",
        to: { name: null, address: contact.email },
        subject: `Re: [#${ticket.number}] Status changed`,
        text: "Again.",
        html: "<p>Again.</p>",
      }),
    );
    const [notification, again] = await deliverTo(contact.email);
    expect(bare(notification!.messageId)).toBe(sent.messageId);
    expect(notification!.subject).toBe(`[#${ticket.number}] Status changed`);
    expect(bare(notification!.inReplyTo)).toBe(bare(answered));
    const references = referencesOf(notification!);
    expect(references).toHaveLength(REFERENCES_CAP);
    expect(references[0]).toBe(received[0]);
    expect(references.at(-1)).toBe(bare(answered));
    expect(references.at(-2)).toBe(received.at(-1));
    expect(header(notification!, "Auto-Submitted")).toBe("auto-generated");

    expect(bare(again!.messageId)).toBe(tagged.messageId);
    expect(again!.subject).toBe(`Re: [#${ticket.number}] Status changed`);
    expect(bare(again!.inReplyTo)).toBe(sent.messageId);
    expect(again!.to).toMatchObject({ value: [{ name: "", address: contact.email }] });
  });

  it("mail that is not about a ticket has its own id under our domain, no tag, and is automatic", async () => {
    const address = `${unique("token")}@example.test`;
    const { messageId } = await getPrisma().$transaction((tx) =>
      enqueueMail(tx, {
        kind: "identity",
        to: { name: "Grace Hopper", address },
        subject: "Your Helpline confirmation token",
        text: "K7Q-4MZ-92X",
        html: "<p>K7Q-4MZ-92X</p>",
      }),
    );
    const [mail] = await deliverTo(address);
    expect(bare(mail!.messageId)).toBe(messageId);
    expect(messageId.endsWith(`@${mailDomain()}`)).toBe(true);
    expect(mail!.subject).toBe("Your Helpline confirmation token");
    expect(header(mail!, "Auto-Submitted")).toBe("auto-generated");
    expect(header(mail!, LOOP_HEADER)).toBe(mailDomain());
    expect(mail!.inReplyTo).toBeUndefined();
    expect(await getPrisma().ticketMailId.count({ where: { messageId } })).toBe(0);
  });

  it("the ticket page shows whether each technician's reply was delivered", async () => {
    const actor = await technician();
    const { customer, contact } = await contactNamed("Doe, Jane (IT)");
    const ticket = await getPrisma().ticket.create({
      data: { customerId: customer.id, contactId: contact.id, title: "Delivery", description: "", source: "console" },
    });
    await replyToTicket({ actor, input: { ticketId: ticket.id, body: "First." }, publicUrl: PUBLIC_URL });
    let page = await getTicket({ input: { number: ticket.number } });
    expect(page!.messages[0]!.mail).toEqual({
      status: "pending",
      deliveredAt: null,
      lastError: null,
      to: { name: "Doe, Jane (IT)", address: contact.email },
    });

    await sink.stop();
    await deliverDueMail({ transport, to: contact.email });
    page = await getTicket({ input: { number: ticket.number } });
    expect(page!.messages[0]!.mail).toMatchObject({ status: "failed", deliveredAt: null });
    expect(page!.messages[0]!.mail!.lastError).toBeTruthy();

    await sink.start();
    await getPrisma().outboxMessage.updateMany({ where: { to: contact.email }, data: { nextAttemptAt: new Date() } });
    await deliverTo(contact.email);
    await getPrisma().contact.update({ where: { id: contact.id }, data: { emailOnReplies: false } });
    await replyToTicket({ actor, input: { ticketId: ticket.id, body: "Not mailed." }, publicUrl: PUBLIC_URL });
    page = await getTicket({ input: { number: ticket.number } });
    expect(page!.messages[0]!.mail).toMatchObject({ status: "sent", lastError: null });
    expect(page!.messages[0]!.mail!.deliveredAt).toBeInstanceOf(Date);
    expect(page!.messages[1]!.mail).toBeNull();
  });
});
