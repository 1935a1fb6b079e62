import { getPrisma } from "@helpline/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "../config/config.ts";
import { Dovecot } from "../testing/dovecot.ts";
import { channelOn, mailWithId, TestMailbox, until } from "../testing/inbound-mail-fixtures.ts";
import { contactRow, contactScene, inboundByKey, storedTicket } from "../testing/inbound-mail-scene.ts";
import { FAILURE_HEADER, withFailureHeader } from "./imap-channel.ts";
import { ingestMail } from "./ingest-mail.ts";

// The IMAP channel against real Dovecots (Debian's dovecot-imapd, own configs on free ports) and
// the real ingest on this run's database: a plain one, one with SSL (a throw-away self-signed
// certificate, STARTTLS on the plain port, imaps on a second one) and one that does not announce
// IDLE. Each test reads its own mailbox, so they do not see each other's mail; maildir's delimiter
// is ".", so "Helpline/Processed" is "Helpline.Processed".
const dovecot = new Dovecot();
const mailbox = new TestMailbox(dovecot);
const secure = new Dovecot({ tls: true });
const secureMailbox = new TestMailbox(secure);
const withoutIdle = new Dovecot({ idle: false });
const withoutIdleMailbox = new TestMailbox(withoutIdle);
let serverUrl = "";

beforeAll(async () => {
  [{ url: serverUrl }] = await Promise.all([dovecot.start(), secure.start(), withoutIdle.start()]);
});
afterAll(() => Promise.all([dovecot.stop(), secure.stop(), withoutIdle.stop()]));

describe("IMAP channel on a real Dovecot", () => {
  it.each([
    ["imap:// without TLS", () => ({ box: mailbox, url: serverUrl, caPath: undefined })],
    ["imaps:// (implicit TLS)", () => ({ box: secureMailbox, url: secure.tlsUrl, caPath: secure.caFile! })],
    ["imap:// upgraded with STARTTLS", () => ({ box: secureMailbox, url: secure.url, caPath: secure.caFile! })],
  ])(
    "%s: a mail from a contact becomes a ticket and moves to the processed folder (created if missing)",
    async (_server, server) => {
      // TLS: the test certificate is trusted through caPath (IMAP_TLS_CA), as an internal CA would be.
      const { box, url, caPath } = server();
      const { customer, contact } = await contactRow();
      const { name, channel, processedFolder } = await channelOn(box, url, caPath ? { caPath } : {});
      const mail = mailWithId({ from: `Jane Doe <${contact.email}>`, subject: "Printer on floor 2 is jammed" });
      await box.append(name, mail.raw);
      channel.start();
      try {
        await until("the mail to be stored and moved", async () => (await box.count(processedFolder)) === 1);
        expect(await box.count(name)).toBe(0);
        const { stored, ticket } = await storedTicket(mail.messageId);
        expect(stored).toMatchObject({ outcome: "created", via: "imap" });
        expect(ticket).toMatchObject({ customerId: customer.id, title: "Printer on floor 2 is jammed" });
        const status = await getPrisma().inboundChannelStatus.findUniqueOrThrow({ where: { channel: "imap" } });
        expect(status.detail).not.toContain(dovecot.password);
        expect(status.lastMessageAt).not.toBeNull();
      } finally {
        await channel.stop();
      }
    },
  );

  it.each([
    [
      "IDLE brings a new mail in within seconds (the 30 s poll is set to a minute here, so only IDLE can)",
      () => ({ box: mailbox, url: serverUrl, pollMs: 60_000, idle: true }),
    ],
    [
      "a server without IDLE (not announced): the channel's own poll (every second here) brings a new mail in",
      () => ({ box: withoutIdleMailbox, url: withoutIdle.url, pollMs: 1_000, idle: false }),
    ],
  ])("%s", async (_case, server) => {
    const { box, url, pollMs, idle } = server();
    expect((await box.capabilities()).includes("IDLE")).toBe(idle);
    const { contact } = await contactRow();
    const { name, channel, processedFolder } = await channelOn(box, url, { pollMs });
    const started = new Date();
    channel.start();
    try {
      await until("the channel to connect", async () =>
        Boolean(
          await getPrisma().inboundChannelStatus.findFirst({
            where: { channel: "imap", state: "connected", detail: channel.detail, updatedAt: { gte: started } },
          }),
        ),
      );
      // Let the first (empty) pass finish and IDLE (or the wait for the next poll) begin.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const mail = mailWithId({ from: contact.email, subject: "VPN drops every hour" });
      await box.append(name, mail.raw);
      const tookMs = await until(
        "the new mail to be stored",
        async () => Boolean(await inboundByKey(mail.messageId)),
        10_000,
      );
      console.log(`IMAP ${idle ? "IDLE" : "without IDLE, 1 s poll"}: appended → stored in ${tookMs} ms`);
      expect(tookMs).toBeLessThan(5_000);
      await until("the mail to be moved", async () => (await box.count(processedFolder)) === 1);
      expect(await box.count(name)).toBe(0);
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
    const { name, channel, failedFolder, processedFolder } = await channelOn(mailbox, serverUrl, {
      maxBytes: limits.maxBytes,
    });
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
    "Dovecot killed and restarted while mail is being added: reconnects, every message on its ticket exactly once",
    { timeout: 90_000 },
    async () => {
      const { contact, ticket } = await contactScene();
      // What the channel said and the folders' last counts, for the error if it never settles.
      const said: string[] = [];
      const { name, channel, processedFolder } = await channelOn(mailbox, serverUrl, {
        pollMs: 1_000,
        log: (line) => said.push(`${new Date().toISOString()} ${line}`),
      });
      channel.start();
      const ids: string[] = [];
      let counts = { processed: 0, left: 0 };
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
        // A MOVE the kill cut short may have left its copy in the processed folder with the
        // original still in the mailbox (Dovecot's maildir MOVE is a copy, then an expunge): the
        // channel moves the original again, so that folder may hold one mail twice (one kill, at
        // most one MOVE in flight). The ticket has every mail exactly once (below).
        await until(
          "all 16 mails to be stored and moved",
          async () => {
            counts = { processed: await mailbox.count(processedFolder), left: await mailbox.count(name) };
            return counts.processed >= 16 && counts.left === 0;
          },
          60_000,
        ).catch((error: Error) => {
          throw new Error(`${error.message}: ${JSON.stringify(counts)}; the channel said:\n${said.join("\n")}`);
        });
        const stored = await getPrisma().inboundMail.findMany({ where: { dedupeKey: { in: ids } } });
        expect(stored).toHaveLength(16);
        expect(stored.every((row) => row.ticketId === ticket.id && row.outcome === "appended")).toBe(true);
        const messages = await getPrisma().ticketMessage.count({
          where: { ticketId: ticket.id, inboundMail: { isNot: null } },
        });
        console.log(
          `IMAP restart: ${stored.length} mails stored, ${messages} ticket messages, ${counts.processed} in the processed folder`,
        );
        expect(messages).toBe(16);
        expect(counts.processed).toBeLessThanOrEqual(17);
      } finally {
        await channel.stop();
      }
    },
  );

  it("process killed between storing and moving: a fresh channel moves the stored mail and makes no second ticket", async () => {
    const { contact } = await contactRow();
    // A stored message another process left is moved after this grace (30 s in production).
    const { name, channel, processedFolder } = await channelOn(mailbox, serverUrl, { othersGraceMs: 1_500 });
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

describe("IMAP channel over TLS without the server's CA", () => {
  const untrusted = /^The server's TLS certificate is not trusted \(self[- ]signed certificate\); .*IMAP_TLS_CA/;
  it.each([
    ["imaps://: the self-signed certificate is refused", () => secure.tlsUrl, undefined, untrusted],
    ["imap:// with STARTTLS: the self-signed certificate is refused", () => secure.url, undefined, untrusted],
    [
      "a CA file that cannot be read",
      () => secure.tlsUrl,
      "/nonexistent/ca.pem",
      /^IMAP_TLS_CA could not be read: ENOENT/,
    ],
  ])("%s: the status says why and nothing is taken", async (_case, url, caPath, error) => {
    const { contact } = await contactRow();
    // Slow retries, so the error is recorded a few times at most while the test looks.
    const { name, channel, processedFolder } = await channelOn(secureMailbox, url(), {
      backoffMs: { min: 2_000, max: 2_000 },
      ...(caPath ? { caPath } : {}),
    });
    const mail = mailWithId({ from: contact.email, subject: "Should stay in the mailbox" });
    await secureMailbox.append(name, mail.raw);
    const started = new Date();
    channel.start();
    try {
      // Other test files' channels share the "imap" status row: look for this error, after this start.
      let lastError = "";
      await until("the error to be recorded", async () => {
        const status = await getPrisma().inboundChannelStatus.findUnique({ where: { channel: "imap" } });
        lastError = status?.lastError ?? "";
        return Boolean(status?.lastErrorAt && status.lastErrorAt >= started && error.test(lastError));
      });
      expect(lastError).not.toContain(secure.password);
      // Past the first retry: still failing, still nothing taken.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(await inboundByKey(mail.messageId)).toBeNull();
      expect(await secureMailbox.count(name)).toBe(1);
      expect(await secureMailbox.count(processedFolder)).toBe(0);
    } finally {
      await channel.stop();
    }
  });
});
