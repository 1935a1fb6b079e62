import { getPrisma } from "@helpline/db";
import { createCustomerRow, unique } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "../config/config.ts";
import { Dovecot } from "../testing/dovecot.ts";
import { mailWithId, TestMailbox, until } from "../testing/inbound-mail-fixtures.ts";
import { contactScene } from "../testing/inbound-mail-scene.ts";
import { FAILURE_HEADER, ImapChannel, withFailureHeader } from "./imap-channel.ts";
import { ingestMail } from "./ingest-mail.ts";

// The IMAP channel against a real Dovecot (Debian's dovecot-imapd, own config on a free port) and
// the real ingest on this run's database. Each test reads its own mailbox, so they do not see
// each other's mail; maildir's delimiter is ".", so "Helpline/Processed" is "Helpline.Processed".
const dovecot = new Dovecot();
const mailbox = new TestMailbox(dovecot);
let serverUrl = "";

beforeAll(async () => {
  serverUrl = (await dovecot.start()).url;
});
afterAll(() => dovecot.stop());

const MAX_BYTES = 25 * 1024 * 1024;

/** A mailbox of the test's own, and a channel on it (started by the test). */
async function channelOn(
  options: { pollMs?: number; folders?: string; othersGraceMs?: number; maxBytes?: number } = {},
) {
  const name = unique("box").replace(/-/g, "");
  await mailbox.create(name);
  const folders = options.folders ?? `${name}/Processed|${name}/Failed`;
  const [processedFolder, failedFolder] = folders.split("|") as [string, string];
  const url = serverUrl.replace(/\/INBOX$/, `/${name}`);
  const channel = new ImapChannel({
    url,
    processedFolder,
    failedFolder,
    maxBytes: options.maxBytes ?? MAX_BYTES,
    ingest: (input) => ingestMail(input),
    pollMs: options.pollMs ?? 60_000,
    backoffMs: { min: 100, max: 1_000 },
    othersGraceMs: options.othersGraceMs ?? 30_000,
  });
  return { name, channel, processedFolder, failedFolder };
}

async function contactRow() {
  const customer = await createCustomerRow();
  const email = `${unique("user")}@customer.example.test`;
  const contact = await getPrisma().contact.create({
    data: { customerId: customer.id, fullName: "Jane Doe", email },
  });
  return { customer, contact };
}

const inboundByKey = (dedupeKey: string) => getPrisma().inboundMail.findUnique({ where: { dedupeKey } });

describe("IMAP channel on a real Dovecot", () => {
  it("a mail from a contact in the mailbox becomes a ticket and moves to the processed folder (created if missing)", async () => {
    const { customer, contact } = await contactRow();
    const { name, channel, processedFolder } = await channelOn();
    const mail = mailWithId({ from: `Jane Doe <${contact.email}>`, subject: "Printer on floor 2 is jammed" });
    await mailbox.append(name, mail.raw);
    channel.start();
    try {
      await until("the mail to be stored and moved", async () => (await mailbox.count(processedFolder)) === 1);
      expect(await mailbox.count(name)).toBe(0);
      const stored = await inboundByKey(mail.messageId);
      expect(stored).toMatchObject({ outcome: "created", via: "imap" });
      const ticket = await getPrisma().ticket.findUniqueOrThrow({ where: { id: stored!.ticketId! } });
      expect(ticket).toMatchObject({ customerId: customer.id, title: "Printer on floor 2 is jammed" });
      const status = await getPrisma().inboundChannelStatus.findUniqueOrThrow({ where: { channel: "imap" } });
      expect(status.detail).not.toContain(dovecot.password);
      expect(status.lastMessageAt).not.toBeNull();
    } finally {
      await channel.stop();
    }
  });

  it("IDLE brings a new mail in within seconds (the 30 s poll is set to a minute here, so only IDLE can)", async () => {
    const { contact } = await contactRow();
    const { name, channel, processedFolder } = await channelOn({ pollMs: 60_000 });
    channel.start();
    try {
      await until("the channel to connect", async () =>
        Boolean(await getPrisma().inboundChannelStatus.findFirst({ where: { channel: "imap", state: "connected" } })),
      );
      // Let the first (empty) pass finish and IDLE begin.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const mail = mailWithId({ from: contact.email, subject: "VPN drops every hour" });
      await mailbox.append(name, mail.raw);
      const tookMs = await until(
        "the new mail to be stored",
        async () => Boolean(await inboundByKey(mail.messageId)),
        10_000,
      );
      console.log(`IMAP IDLE: appended → stored in ${tookMs} ms`);
      expect(tookMs).toBeLessThan(5_000);
      await until("the mail to be moved", async () => (await mailbox.count(processedFolder)) === 1);
    } finally {
      await channel.stop();
    }
  });

  it("a mail Helpline cannot take lands in the failed folder unchanged, with a notice giving the reason", async () => {
    const { contact } = await contactRow();
    // The size limit lowered for this test (ingest reads it per message): a 100 KB mail fails.
    const limits = config().inbound;
    const saved = limits.maxBytes;
    limits.maxBytes = 64 * 1024;
    const { name, channel, failedFolder, processedFolder } = await channelOn({ maxBytes: limits.maxBytes });
    const mail = mailWithId({ from: contact.email, subject: "Huge scan", body: "x".repeat(100 * 1024) });
    const started = new Date();
    await mailbox.append(name, mail.raw);
    channel.start();
    try {
      await until("the mail to reach the failed folder", async () => (await mailbox.count(failedFolder)) === 2);
      expect(await mailbox.count(name)).toBe(0);
      expect(await mailbox.count(processedFolder)).toBe(0);
      const [original, notice] = await mailbox.sources(failedFolder);
      expect(original).toBe(mail.raw.toString());
      expect(notice).toMatch(new RegExp(`^${FAILURE_HEADER}: .*larger than`));
      expect(notice).toContain("Helpline could not take a message");
      const recorded = await getPrisma().inboundMail.findFirst({
        where: { via: "imap", outcome: "failed", receivedAt: { gte: started } },
      });
      expect(recorded?.reason).toContain("larger than");
    } finally {
      await channel.stop();
      limits.maxBytes = saved;
    }
  });

  it("a failure with a whole message keeps it in the failed folder with X-Helpline-Failure prepended", () => {
    const raw = Buffer.from("From: a@b.test\r\nSubject: x\r\n\r\nbody\r\n");
    const marked = withFailureHeader(raw, "could not\r\nBcc: evil@x.test read it").toString();
    expect(marked).toBe(
      `${FAILURE_HEADER}: could not Bcc: evil@x.test read it\r\nFrom: a@b.test\r\nSubject: x\r\n\r\nbody\r\n`,
    );
  });

  // A busy 2-core machine needs more than the default 30 s for a kill, a restart and 16 mails.
  it(
    "R7: Dovecot killed and restarted while mail is being added: reconnects, every message on its ticket exactly once",
    { timeout: 90_000 },
    async () => {
      const { contact, ticket } = await contactScene();
      const { name, channel, processedFolder } = await channelOn({ pollMs: 1_000 });
      channel.start();
      const ids: string[] = [];
      try {
        for (let index = 0; index < 16; index++) {
          const mail = mailWithId({
            from: contact.email,
            subject: `Re: [#${ticket.number}] Mail server`,
            body: `Update ${index}`,
          });
          ids.push(mail.messageId);
          await mailbox.append(name, mail.raw);
          if (index === 7) await dovecot.restart({ downMs: 700 });
          await new Promise((resolve) => setTimeout(resolve, 40));
        }
        await until(
          "all 16 mails to be stored and moved",
          async () => (await mailbox.count(processedFolder)) === 16 && (await mailbox.count(name)) === 0,
          60_000,
        );
        const stored = await getPrisma().inboundMail.findMany({ where: { dedupeKey: { in: ids } } });
        expect(stored).toHaveLength(16);
        expect(stored.every((row) => row.ticketId === ticket.id && row.outcome === "appended")).toBe(true);
        const messages = await getPrisma().ticketMessage.count({
          where: { ticketId: ticket.id, inboundMail: { isNot: null } },
        });
        console.log(
          `R7 restart: ${stored.length} mails stored, ${messages} ticket messages, 16 in the processed folder`,
        );
        expect(messages).toBe(16);
      } finally {
        await channel.stop();
      }
    },
  );

  it("R7: process killed between storing and moving: a fresh channel moves the stored mail and makes no second ticket", async () => {
    const { contact } = await contactRow();
    // A stored message another process left is moved after this grace (30 s in production).
    const { name, channel, processedFolder } = await channelOn({ othersGraceMs: 1_500 });
    const mail = mailWithId({ from: contact.email, subject: "Scanner offline" });
    await mailbox.append(name, mail.raw);
    // What the killed process got done: the mail is stored; the mailbox still holds it.
    const first = await ingestMail({ raw: mail.raw, via: "imap" });
    expect(first.outcome).toBe("created");
    channel.start();
    try {
      await until("the stored mail to be moved", async () => (await mailbox.count(processedFolder)) === 1);
      expect(await mailbox.count(name)).toBe(0);
      const stored = await getPrisma().inboundMail.findMany({ where: { dedupeKey: mail.messageId } });
      expect(stored).toHaveLength(1);
      expect(await getPrisma().ticket.count({ where: { contactId: contact.id } })).toBe(1);
    } finally {
      await channel.stop();
    }
  });
});
