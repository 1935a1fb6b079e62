import { getPrisma } from "@helpline/db";
import { createCustomerRow, createTechnicianRow, createTicketRow, unique } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactScene, PNG_BYTES, rawMail } from "../testing/inbound-mail-scene.ts";
import { getInboundMailRaw } from "./get-inbound-mail-raw.ts";
import { ingestMail } from "./ingest-mail.ts";
import { listIgnoredMail } from "./list-ignored-mail.ts";
import { makeTicketFromIgnoredMail } from "./make-ticket-from-ignored-mail.ts";
import { purgeIgnoredMail } from "./purge-ignored-mail.ts";
import { RECEIPTS_PER_SENDER_PER_HOUR, STRANGER_TICKETS_PER_SENDER_PER_HOUR } from "./take-receipt-slot.ts";
import { mailDomain } from "../mail/mail-identity.ts";
import { CORPUS, loadCorpusMail } from "./corpus/corpus.ts";
import { EMAIL_SETTINGS_KEYS } from "./get-email-settings.ts";
import { saveTestMailRecord } from "./test-mail-record.ts";

const prisma = () => getPrisma();
const outboxTo = (address: string) => prisma().outboxMessage.count({ where: { to: address } });
const messagesOf = (ticketId: string) =>
  prisma().ticketMessage.findMany({
    where: { ticketId },
    orderBy: { createdAt: "asc" },
    include: { attachments: true },
  });

async function setUnknownSenders(value: "create" | "ignore") {
  const key = EMAIL_SETTINGS_KEYS.unknownSenders;
  await prisma().systemSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

describe("ingestMail: which ticket a message belongs to", () => {
  beforeAll(() => setUnknownSenders("create"));

  it("a known contact's new mail opens a ticket for their customer, with a receipt answering it", async () => {
    const { customer, contact, email } = await contactScene();
    const raw = rawMail({ from: `Alice Martin <${email}>`, subject: "Fwd: RE: Outlook keeps crashing" });
    const result = await ingestMail({ raw, via: "imap" });
    expect(result).toMatchObject({ outcome: "created", reason: null });
    const ticket = await prisma().ticket.findUniqueOrThrow({ where: { number: result.ticketNumber! } });
    expect(ticket).toMatchObject({
      customerId: customer.id,
      contactId: contact.id,
      source: "email",
      title: "Outlook keeps crashing",
      description: "Hello, the printer on the second floor is jammed again.",
      status: "open",
    });
    expect(await outboxTo(email)).toBe(1);
    const stored = await prisma().inboundMail.findUniqueOrThrow({ where: { id: result.inboundMailId! } });
    expect(stored).toMatchObject({ outcome: "created", ticketId: ticket.id, via: "imap", fromAddress: email });
    expect(Buffer.from(stored.raw!)).toEqual(raw);
    expect(stored.fullText).toContain("printer");
    const raws = await getInboundMailRaw({
      actor: { id: (await createTechnicianRow()).id, role: "technician" },
      input: { inboundMailId: stored.id },
    });
    expect(Buffer.from(raws.data)).toEqual(raw);
    expect(raws.fileName).toMatch(/^mail-\d{8}-\d{6}\.eml$/);
  });

  it("the address is compared case-insensitively and trimmed, but a +tag is another address", async () => {
    const { contact, email } = await contactScene();
    const shouted = await ingestMail({
      raw: rawMail({ from: `  ${email.toUpperCase()} `, subject: "Hi" }),
      via: "smtp",
    });
    expect(shouted.outcome).toBe("created");
    expect((await prisma().ticket.findUniqueOrThrow({ where: { number: shouted.ticketNumber! } })).contactId).toBe(
      contact.id,
    );
    const tagged = await ingestMail({ raw: rawMail({ from: email.replace("@", "+it@"), subject: "Hi" }), via: "smtp" });
    const ticket = await prisma().ticket.findUniqueOrThrow({ where: { number: tagged.ticketNumber! } });
    expect(ticket).toMatchObject({ customerId: null, contactId: null, requesterEmail: email.replace("@", "+it@") });
  });

  it("a reply naming our Message-ID lands on that ticket, reopens it from Pending, tells the assignee, and sends no receipt", async () => {
    const { contact, email, ticket, sentId, assignee } = await contactScene({ status: "pending" });
    const result = await ingestMail({
      raw: rawMail({ from: email, subject: "Re: whatever the client made of it", inReplyTo: sentId }),
      via: "imap",
    });
    expect(await outboxTo(assignee.email)).toBe(1);
    expect(result).toMatchObject({ outcome: "appended", ticketNumber: ticket.number });
    const [message] = await messagesOf(ticket.id);
    expect(message).toMatchObject({ kind: "reply", authorContactId: contact.id });
    expect((await prisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("open");
    expect(await outboxTo(email)).toBe(0);
    const audit = await prisma().auditEvent.findFirstOrThrow({
      where: { subject: `ticket:${ticket.id}`, action: "ticket.contact_replied" },
    });
    expect(audit.data).toMatchObject({ via: "email", changes: { status: { from: "pending", to: "open" } } });
  });

  it("References alone find the thread, and a later reply to the customer's own mail finds it too", async () => {
    const { email, ticket, sentId } = await contactScene({ status: "resolved" });
    const first = await ingestMail({
      raw: rawMail({ from: email, subject: "Re: x", references: ["unrelated@elsewhere.test", sentId] }),
      via: "imap",
    });
    expect(first).toMatchObject({ outcome: "appended", ticketNumber: ticket.number });
    expect((await prisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("open");
    const stored = await prisma().inboundMail.findUniqueOrThrow({ where: { id: first.inboundMailId! } });
    const second = await ingestMail({
      raw: rawMail({ from: email, subject: "one more thing", inReplyTo: stored.messageId! }),
      via: "imap",
    });
    expect(second).toMatchObject({ outcome: "appended", ticketNumber: ticket.number });
  });

  it("the subject tag [#N] counts for a contact of the ticket's customer only: a stranger's guess opens nothing there", async () => {
    const { customer, email, ticket } = await contactScene();
    const colleague = `${unique("bob")}@contoso.test`;
    await prisma().contact.create({ data: { customerId: customer.id, email: colleague, fullName: "Bob" } });
    const byContact = await ingestMail({
      raw: rawMail({ from: email, subject: `Re: [#${ticket.number}] x` }),
      via: "imap",
    });
    expect(byContact).toMatchObject({ outcome: "appended", ticketNumber: ticket.number });
    const byColleague = await ingestMail({
      raw: rawMail({ from: colleague, subject: `AW: [#${ticket.number}] x` }),
      via: "imap",
    });
    expect(byColleague).toMatchObject({ outcome: "appended", ticketNumber: ticket.number });

    const stranger = `${unique("mallory")}@evil.test`;
    const guessed = await ingestMail({
      raw: rawMail({ from: stranger, subject: `Re: [#${ticket.number}] give me the password` }),
      via: "imap",
    });
    expect(guessed.outcome).toBe("created");
    expect(guessed.ticketNumber).not.toBe(ticket.number);
    expect(await messagesOf(ticket.id)).toHaveLength(2);
    const strangers = await prisma().ticket.findUniqueOrThrow({ where: { number: guessed.ticketNumber! } });
    expect(strangers).toMatchObject({ customerId: null, requesterEmail: stranger, title: "give me the password" });
    expect(await outboxTo(stranger)).toBe(0);
  });

  it("a Cc'd stranger replying on the thread is not appended: their mail is new mail", async () => {
    const { ticket, sentId } = await contactScene();
    const outsider = `${unique("carol")}@partner.test`;
    const result = await ingestMail({
      raw: rawMail({ from: outsider, subject: "Re: x", inReplyTo: sentId }),
      via: "imap",
    });
    expect(result.outcome).toBe("created");
    expect(result.ticketNumber).not.toBe(ticket.number);
    expect(await messagesOf(ticket.id)).toHaveLength(0);
  });

  it("a reply to a Closed ticket opens a follow-up ticket linked to it, with a receipt", async () => {
    const { contact, email, ticket, sentId } = await contactScene({ status: "closed" });
    const result = await ingestMail({
      raw: rawMail({ from: email, subject: "Re: it is back", inReplyTo: sentId }),
      via: "imap",
    });
    expect(result.outcome).toBe("created");
    expect(result.reason).toContain(`#${ticket.number} is closed`);
    const followUp = await prisma().ticket.findUniqueOrThrow({ where: { number: result.ticketNumber! } });
    expect(followUp).toMatchObject({ followUpOfId: ticket.id, contactId: contact.id, title: "it is back" });
    expect((await prisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("closed");
    expect(await messagesOf(ticket.id)).toHaveLength(0);
    expect(await outboxTo(email)).toBe(1);
  });

  it("an address that is a contact of two customers goes to the customer of its latest ticket, else its oldest contact", async () => {
    const email = `${unique("consultant")}@freelance.test`;
    const first = await createCustomerRow();
    const second = await createCustomerRow();
    // Explicit times: two rows written in the same millisecond would tie, and the tie-break is by id.
    await prisma().contact.create({
      data: { customerId: first.id, email, fullName: "Dana", createdAt: new Date("2026-01-01T09:00:00Z") },
    });
    const later = await prisma().contact.create({
      data: { customerId: second.id, email, fullName: "Dana", createdAt: new Date("2026-02-01T09:00:00Z") },
    });
    const oldestWins = await ingestMail({ raw: rawMail({ from: email, subject: "one" }), via: "imap" });
    expect((await prisma().ticket.findUniqueOrThrow({ where: { number: oldestWins.ticketNumber! } })).customerId).toBe(
      first.id,
    );
    await createTicketRow({ customerId: second.id, contactId: later.id });
    const latestWins = await ingestMail({ raw: rawMail({ from: email, subject: "two" }), via: "imap" });
    expect((await prisma().ticket.findUniqueOrThrow({ where: { number: latestWins.ticketNumber! } })).customerId).toBe(
      second.id,
    );
  });
});

describe("ingestMail: unknown senders", () => {
  afterAll(() => setUnknownSenders("create"));

  it("create: a ticket in Unassigned customers with the sender's name and address, never a reply", async () => {
    await setUnknownSenders("create");
    const stranger = `${unique("newbie")}@unknown.test`;
    const result = await ingestMail({
      raw: rawMail({ from: `"Doe, Jane (IT)" <${stranger}>`, subject: "Hello?" }),
      via: "smtp",
    });
    expect(result.outcome).toBe("created");
    const ticket = await prisma().ticket.findUniqueOrThrow({ where: { number: result.ticketNumber! } });
    expect(ticket).toMatchObject({ customerId: null, requesterEmail: stranger, requesterName: "Doe, Jane (IT)" });
    expect(await outboxTo(stranger)).toBe(0);
  });

  it(`create: one stranger opens at most ${STRANGER_TICKETS_PER_SENDER_PER_HOUR} tickets an hour, even all at once; the rest is ignored mail`, async () => {
    await setUnknownSenders("create");
    const stranger = `${unique("storm")}@unknown.test`;
    const now = new Date("2026-12-01T09:30:00Z");
    const results = await Promise.all(
      Array.from({ length: STRANGER_TICKETS_PER_SENDER_PER_HOUR + 4 }, (_, index) =>
        ingestMail({ raw: rawMail({ from: stranger, subject: `spam ${index}` }), via: "smtp", now }),
      ),
    );
    expect(results.filter((result) => result.outcome === "created")).toHaveLength(STRANGER_TICKETS_PER_SENDER_PER_HOUR);
    const ignored = results.filter((result) => result.outcome === "ignored");
    expect(ignored).toHaveLength(4);
    expect(ignored[0]!.reason).toContain(`already opened ${STRANGER_TICKETS_PER_SENDER_PER_HOUR} tickets this hour`);
    expect(await prisma().ticket.count({ where: { requesterEmail: stranger } })).toBe(
      STRANGER_TICKETS_PER_SENDER_PER_HOUR,
    );
    const actor = { id: (await createTechnicianRow()).id, role: "technician" as const };
    const listed = await listIgnoredMail({ actor, input: { page: 1 } });
    expect(listed.mails.map((mail) => mail.id)).toContain(ignored[0]!.inboundMailId);
    const nextHour = await ingestMail({
      raw: rawMail({ from: stranger, subject: "an hour later" }),
      via: "smtp",
      now: new Date("2026-12-01T10:00:00Z"),
    });
    expect(nextHour.outcome).toBe("created");
    expect(await outboxTo(stranger)).toBe(0);
  });

  it("the cap holds for a stranger answering their own closed ticket, where each answer would open a follow-up", async () => {
    await setUnknownSenders("create");
    const stranger = `${unique("closer")}@unknown.test`;
    const firstId = `${unique("first")}@unknown.test`;
    const first = await ingestMail({
      raw: rawMail({ from: stranger, subject: "Hello", messageId: firstId }),
      via: "smtp",
      now: new Date("2026-12-01T07:10:00Z"),
    });
    expect(first.outcome).toBe("created");
    await prisma().ticket.update({ where: { number: first.ticketNumber! }, data: { status: "closed" } });
    const now = new Date("2026-12-01T08:10:00Z");
    const outcomes = [];
    for (let index = 0; index <= STRANGER_TICKETS_PER_SENDER_PER_HOUR; index++) {
      const answer = rawMail({ from: stranger, subject: `Re: Hello ${index}`, inReplyTo: firstId });
      outcomes.push((await ingestMail({ raw: answer, via: "smtp", now })).outcome);
    }
    expect(outcomes.filter((outcome) => outcome === "created")).toHaveLength(STRANGER_TICKETS_PER_SENDER_PER_HOUR);
    expect(outcomes.at(-1)).toBe("ignored");
  });

  it("ignore: kept in Ignored mail, listed for 30 days, made a ticket once, then purged", async () => {
    await setUnknownSenders("ignore");
    const stranger = `${unique("quiet")}@unknown.test`;
    const result = await ingestMail({ raw: rawMail({ from: stranger, subject: "Re: Sales offer" }), via: "imap" });
    expect(result).toMatchObject({ outcome: "ignored", ticketNumber: null });
    expect(result.reason).toContain("Unknown senders");
    expect(await outboxTo(stranger)).toBe(0);
    const actor = { id: (await createTechnicianRow()).id, role: "technician" as const };
    const listed = await listIgnoredMail({ actor, input: { page: 1 } });
    expect(listed.mails.map((mail) => mail.id)).toContain(result.inboundMailId);

    const made = await makeTicketFromIgnoredMail({ actor, input: { inboundMailId: result.inboundMailId! } });
    const ticket = await prisma().ticket.findUniqueOrThrow({ where: { number: made.number } });
    expect(ticket).toMatchObject({ customerId: null, requesterEmail: stranger, title: "Sales offer", source: "email" });
    await expect(
      makeTicketFromIgnoredMail({ actor, input: { inboundMailId: result.inboundMailId! } }),
    ).rejects.toMatchObject({
      code: "already_made",
      status: 409,
    });
    expect(await outboxTo(stranger)).toBe(0);

    const old = await ingestMail({
      raw: rawMail({ from: stranger, subject: "ancient" }),
      via: "imap",
      now: new Date(Date.now() - 31 * 24 * 60 * 60 * 1000),
    });
    expect(old.outcome).toBe("ignored");
    expect((await listIgnoredMail({ actor, input: { page: 1 } })).mails.map((mail) => mail.id)).not.toContain(
      old.inboundMailId,
    );
    const { deleted } = await purgeIgnoredMail({ now: new Date() });
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await prisma().inboundMail.findUnique({ where: { id: old.inboundMailId! } })).toBeNull();
    expect(await prisma().inboundMail.findUnique({ where: { id: result.inboundMailId! } })).not.toBeNull();
  });
});

/** An RFC 3464 delivery report (Postfix's shape) saying mail to `email` failed, quoting the headers of the mail `originalId`. */
function deliveryReport(options: { email: string; originalId: string; ticketNumber: number }): Buffer {
  const { email, ticketNumber } = options;
  const boundary = "report-boundary";
  return Buffer.from(
    [
      "From: Mail Delivery System <MAILER-DAEMON@mx.contoso.test>",
      "To: support@helpdesk.example.test",
      "Subject: Undelivered Mail Returned to Sender",
      `Message-ID: <${unique("dsn")}@mx.contoso.test>`,
      "Auto-Submitted: auto-replied",
      "MIME-Version: 1.0",
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      "",
      `--${boundary}`,
      "Content-Type: text/plain; charset=us-ascii",
      "",
      "Your message could not be delivered.",
      "",
      `--${boundary}`,
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.contoso.test",
      "",
      `Final-Recipient: rfc822; ${email}`,
      "Action: failed",
      "Status: 5.1.1",
      "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
      "",
      `--${boundary}`,
      "Content-Type: text/rfc822-headers",
      "",
      "From: support@helpdesk.example.test",
      `To: ${email}`,
      `Message-ID: <${options.originalId}>`,
      `Subject: [#${ticketNumber}] New reply`,
      "",
      `--${boundary}--`,
      "",
    ].join("\r\n"),
  );
}

describe("ingestMail: never a loop, never a storm", () => {
  it("an out-of-office on a thread is stored on the ticket without reopening it; unthreaded it is ignored; neither is answered", async () => {
    const { email, ticket, sentId, assignee } = await contactScene({ status: "pending" });
    const onThread = await ingestMail({
      raw: rawMail({
        from: email,
        subject: "Automatic reply: x",
        inReplyTo: sentId,
        headers: { "Auto-Submitted": "auto-replied" },
      }),
      via: "imap",
    });
    expect(onThread.outcome).toBe("appended");
    expect(onThread.reason).toBeTruthy();
    expect((await prisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("pending");
    const loose = await ingestMail({
      raw: rawMail({ from: email, subject: "Out of office", headers: { "X-Autoreply": "yes" } }),
      via: "imap",
    });
    expect(loose.outcome).toBe("ignored");
    expect(await outboxTo(email)).toBe(0);
    expect(await outboxTo(assignee.email)).toBe(0);
    const stored = await prisma().inboundMail.findUniqueOrThrow({ where: { id: loose.inboundMailId! } });
    expect(stored.automatic).toBe(true);
  });

  it("our own mail come back (the loop header) opens nothing and gets no answer", async () => {
    const { email } = await contactScene();
    const result = await ingestMail({
      raw: rawMail({
        from: email,
        subject: "[#1] Printer jams",
        headers: { "X-Helpline-Loop": "helpdesk.example.test" },
      }),
      via: "imap",
    });
    expect(result.outcome).toBe("ignored");
    expect(await outboxTo(email)).toBe(0);
  });

  it(`receipts stop after ${RECEIPTS_PER_SENDER_PER_HOUR} per sender and hour; the tickets are still made`, async () => {
    const { email } = await contactScene();
    const now = new Date("2026-12-01T10:15:00Z");
    const results = [];
    for (let index = 0; index < RECEIPTS_PER_SENDER_PER_HOUR + 2; index++) {
      results.push(await ingestMail({ raw: rawMail({ from: email, subject: `storm ${index}` }), via: "smtp", now }));
    }
    expect(results.every((result) => result.outcome === "created")).toBe(true);
    expect(results.filter((result) => result.reason?.startsWith("No receipt sent"))).toHaveLength(2);
    expect(await outboxTo(email)).toBe(RECEIPTS_PER_SENDER_PER_HOUR);
    const nextHour = await ingestMail({
      raw: rawMail({ from: email, subject: "next hour" }),
      via: "smtp",
      now: new Date("2026-12-01T11:00:00Z"),
    });
    expect(nextHour.reason).toBeNull();
  });

  it("a delivery report marks the contact as bouncing and notes it on the ticket; the contact writing again clears it", async () => {
    const { contact, email, ticket, sentId } = await contactScene();
    const report = deliveryReport({ email, originalId: sentId, ticketNumber: ticket.number });
    const result = await ingestMail({ raw: report, via: "imap" });
    expect(result).toMatchObject({ outcome: "bounce", ticketNumber: ticket.number });
    const marked = await prisma().contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(marked.emailBouncedAt).not.toBeNull();
    expect(marked.emailBounceReason).toBeTruthy();
    const [note] = await messagesOf(ticket.id);
    expect(note).toMatchObject({ kind: "note", authorContactId: null });
    expect(note!.body).toContain(`Mail to ${email} bounced`);

    await ingestMail({ raw: rawMail({ from: email, subject: "I am back" }), via: "imap" });
    expect((await prisma().contact.findUniqueOrThrow({ where: { id: contact.id } })).emailBouncedAt).toBeNull();
  });

  it("a delivery report naming no mail Helpline sent (anyone can write one) marks nobody and notes nothing", async () => {
    const { contact, email, ticket } = await contactScene();
    const forged = deliveryReport({
      email,
      originalId: `${unique("never")}@elsewhere.test`,
      ticketNumber: ticket.number,
    });
    const result = await ingestMail({ raw: forged, via: "smtp" });
    expect(result).toMatchObject({ outcome: "bounce", ticketNumber: null });
    expect(result.reason).toContain("names no mail Helpline sent");
    expect((await prisma().contact.findUniqueOrThrow({ where: { id: contact.id } })).emailBouncedAt).toBeNull();
    expect(await messagesOf(ticket.id)).toHaveLength(0);
  });
});

describe("ingestMail: the message itself", () => {
  it("the same message twice is filed once; without a Message-ID the raw bytes' hash dedupes", async () => {
    const { email, ticket, sentId } = await contactScene();
    const raw = rawMail({ from: email, subject: "Re: x", inReplyTo: sentId });
    expect((await ingestMail({ raw, via: "imap" })).outcome).toBe("appended");
    const again = await ingestMail({ raw, via: "smtp" });
    expect(again).toMatchObject({ outcome: "duplicate", ticketNumber: ticket.number });
    expect(await messagesOf(ticket.id)).toHaveLength(1);

    const anonymous = rawMail({ from: email, subject: "no id", messageId: null });
    const first = await ingestMail({ raw: anonymous, via: "imap" });
    expect(first.outcome).toBe("created");
    const stored = await prisma().inboundMail.findUniqueOrThrow({ where: { id: first.inboundMailId! } });
    expect(stored.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await ingestMail({ raw: anonymous, via: "imap" })).toMatchObject({
      outcome: "duplicate",
      ticketNumber: first.ticketNumber,
    });
  });

  it("a test mail Helpline sent (its token recorded for its Message-ID) is recorded as such and opens nothing", async () => {
    const { email } = await contactScene();
    const messageId = `${unique("test")}@helpdesk.example.test`;
    await saveTestMailRecord(messageId, { token: "token-1", sentAt: new Date() });
    const result = await ingestMail({
      raw: rawMail({
        from: email,
        subject: "Helpline test mail",
        messageId,
        headers: { "X-Helpline-Test-Mail": "token-1" },
      }),
      via: "imap",
    });
    expect(result).toMatchObject({ outcome: "test", ticketNumber: null });
    const stored = await prisma().inboundMail.findFirstOrThrow({ where: { messageId } });
    expect(stored.outcome).toBe("test");
    expect(await outboxTo(email)).toBe(0);
  });

  it("a forged X-Helpline-Test-Mail header (no such test mail, or another token) is ordinary mail, not dropped", async () => {
    const { email } = await contactScene();
    const unknown = await ingestMail({
      raw: rawMail({ from: email, subject: "Server down", headers: { "X-Helpline-Test-Mail": "anything" } }),
      via: "smtp",
    });
    expect(unknown).toMatchObject({ outcome: "created", reason: null });

    const messageId = `${unique("test")}@client.example.test`;
    await saveTestMailRecord(messageId, { token: "the-real-token", sentAt: new Date() });
    const guessed = await ingestMail({
      raw: rawMail({ from: email, subject: "Printer", messageId, headers: { "X-Helpline-Test-Mail": "a-guess" } }),
      via: "smtp",
    });
    expect(guessed.outcome).toBe("created");
    expect(await outboxTo(email)).toBe(2);
  });

  it("a mail over the size limit is recorded failed, unread and without its bytes", async () => {
    const { config } = await import("../config/config.ts");
    const raw = Buffer.alloc(config().inbound.maxBytes + 1, "a");
    const result = await ingestMail({ raw, via: "smtp" });
    expect(result.outcome).toBe("failed");
    expect(result.reason).toContain("larger than");
    const stored = await prisma().inboundMail.findUniqueOrThrow({ where: { id: result.inboundMailId! } });
    expect(stored).toMatchObject({ raw: null, rawSize: raw.byteLength, outcome: "failed" });
    expect((await ingestMail({ raw, via: "smtp" })).outcome).toBe("duplicate");
  });

  it("inline images keep their Content-ID, a fake image is dropped with a visible line", async () => {
    const { email, ticket, sentId } = await contactScene();
    const boundary = "mixed-boundary";
    const raw = Buffer.from(
      [
        `From: ${email}`,
        "To: support@helpdesk.example.test",
        "Subject: Re: screenshot",
        `Message-ID: <${unique("pic")}@client.example.test>`,
        `In-Reply-To: <${sentId}>`,
        "MIME-Version: 1.0",
        `Content-Type: multipart/related; boundary="${boundary}"`,
        "",
        `--${boundary}`,
        "Content-Type: text/html; charset=utf-8",
        "",
        '<p>See the error: <img src="cid:shot@client"></p>',
        `--${boundary}`,
        "Content-Type: image/png; name=shot.png",
        "Content-Transfer-Encoding: base64",
        "Content-ID: <shot@client>",
        "Content-Disposition: inline; filename=shot.png",
        "",
        PNG_BYTES.toString("base64"),
        `--${boundary}`,
        "Content-Type: image/png; name=evil.png",
        "Content-Transfer-Encoding: base64",
        "Content-Disposition: attachment; filename=evil.png",
        "",
        Buffer.from("MZ this is no png").toString("base64"),
        `--${boundary}--`,
        "",
      ].join("\r\n"),
    );
    const result = await ingestMail({ raw, via: "imap" });
    expect(result.outcome).toBe("appended");
    const [message] = await messagesOf(ticket.id);
    expect(message!.attachments).toHaveLength(1);
    expect(message!.attachments[0]).toMatchObject({
      name: "shot.png",
      contentType: "image/png",
      contentId: "shot@client",
    });
    expect(message!.body).toContain("See the error");
    expect(message!.body).toContain("1 attachment was not kept: evil.png");
  });
});

// The parse helper's corpus, each file in the scene it names, through the whole ingest. One file
// with the unknown-sender tests above, so the global policy is not switched under it.
describe("ingestMail: the inbound mail corpus", () => {
  beforeAll(() => setUnknownSenders("create"));

  it.each(CORPUS)("$file: $scene → $expectIngest", async (entry) => {
    const scene = await contactScene({ status: entry.scene === "closed-ticket" ? "closed" : "open" });
    const stranger = `${unique("stranger")}@attacker.test`;
    const { raw, values } = loadCorpusMail(entry.file, {
      TICKET_NUMBER: scene.ticket.number,
      SENT_MESSAGE_ID: scene.sentId,
      CONTACT_EMAIL: scene.email,
      STRANGER_EMAIL: stranger,
      DOMAIN: mailDomain(),
    });
    if (entry.scene === "test-mail") {
      // As sendTestMail records it: the corpus file's Message-ID and token.
      await saveTestMailRecord(`test-${values.UNIQUE}@${mailDomain()}`, {
        token: `tm-${values.UNIQUE}`,
        sentAt: new Date(),
      });
    }
    const result = await ingestMail({ raw, via: "imap" });
    const stored = await prisma().inboundMail.findUniqueOrThrow({ where: { id: result.inboundMailId! } });
    const onTicket = await messagesOf(scene.ticket.id);
    const expected = entry.expectIngest === "appended-automatic" ? "appended" : entry.expectIngest;
    expect({ outcome: result.outcome, reason: result.outcome === "failed" ? result.reason : null }).toEqual({
      outcome: expected,
      reason: null,
    });
    expect(stored.automatic).toBe(
      entry.expectIngest === "appended-automatic" ||
        ["automatic", "own-mail", "bounce", "test-mail"].includes(entry.scene),
    );
    // Strangers and programs are never answered; a contact's new ticket gets its one receipt.
    expect(await outboxTo(stranger)).toBe(0);
    const receipt = expected === "created" && ["new-contact", "closed-ticket"].includes(entry.scene) ? 1 : 0;
    expect(await outboxTo(scene.email)).toBe(receipt);
    if (expected === "appended") {
      expect(result.ticketNumber).toBe(scene.ticket.number);
      expect(onTicket.filter((message) => message.kind === "reply")).toHaveLength(1);
    } else if (expected !== "bounce") {
      expect(onTicket).toHaveLength(0);
    }
    if (expected === "created") {
      const ticket = await prisma().ticket.findUniqueOrThrow({ where: { number: result.ticketNumber! } });
      expect(ticket.number).not.toBe(scene.ticket.number);
      if (entry.scene === "closed-ticket") expect(ticket.followUpOfId).toBe(scene.ticket.id);
      if (entry.scene === "tag-stranger" || entry.scene === "new-stranger") {
        expect(ticket).toMatchObject({ customerId: null, requesterEmail: stranger });
      } else {
        expect(ticket).toMatchObject({ customerId: scene.customer.id, contactId: scene.contact.id });
      }
    }
    if (expected === "bounce") {
      expect(result.ticketNumber).toBe(scene.ticket.number);
      expect(
        (await prisma().contact.findUniqueOrThrow({ where: { id: scene.contact.id } })).emailBouncedAt,
      ).not.toBeNull();
      expect(onTicket.map((message) => message.kind)).toEqual(["note"]);
    }
  });
});
