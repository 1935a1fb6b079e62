import { getPrisma } from "@helpline/db";
import { createTechnicianRow, unique } from "@helpline/db/testing";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HelplineConfig } from "../config/config.ts";
import { SmtpSink } from "../testing/smtp-sink.ts";
import { getTestMailResult, TEST_MAIL_WAIT_MS } from "./get-test-mail-result.ts";
import { ingestMail } from "./ingest-mail.ts";
import { sendTestMail } from "./send-test-mail.ts";
import { findTestMailRecord } from "./test-mail-record.ts";

const sink = new SmtpSink();
let relayUrl = "";
beforeAll(async () => {
  relayUrl = await sink.start();
});
afterAll(() => sink.stop());

type Settings = Pick<HelplineConfig, "mail" | "inbound" | "publicUrl">;
const FROM = "Helpline <helpdesk@example.test>";

/** A configuration with a reply-to address of this test's own, so tests sharing the sink never mix. */
function settings(route: "relay" | "listener" | "catcher-only" | "no-inbox"): Settings {
  const replyTo = `${unique("support")}@example.test`;
  const listener = { host: "0.0.0.0", port: sink.port, recipients: [replyTo], tls: null };
  const imap = { url: "imaps://u:p@mail.example.test/INBOX", processedFolder: "P", failedFolder: "F" };
  return {
    publicUrl: "https://helpdesk.example.test",
    mail:
      route === "relay" || route === "no-inbox"
        ? { mode: "smtp", url: relayUrl, from: FROM, replyTo }
        : { mode: "catcher", from: FROM, replyTo },
    inbound: {
      imap: route === "relay" || route === "catcher-only" ? imap : null,
      smtp: route === "listener" ? listener : null,
      maxBytes: 1024 * 1024,
    },
  };
}

const received = (to: string) => sink.messages.filter((mail) => JSON.stringify(mail.to).includes(to));

async function recordInbound(messageId: string, outcome: string, receivedAt: Date) {
  await getPrisma().inboundMail.create({
    data: {
      dedupeKey: messageId,
      messageId,
      via: "smtp",
      fromAddress: "helpdesk@example.test",
      subject: "Helpline test mail",
      outcome,
      automatic: true,
      rawSize: 100,
      receivedAt,
    },
  });
}

describe("Send a test mail to Helpline", () => {
  it("goes straight into the inbound SMTP listener when there is no relay, marked as Helpline's test mail", async () => {
    const admin = await createTechnicianRow({ role: "admin" });
    const config = settings("listener");
    const sent = await sendTestMail({ actor: admin, settings: config });
    expect(sent.route).toBe("listener");
    expect(sent.messageId).toMatch(/^[0-9a-f-]{36}@helpdesk\.example\.test$/);

    const [mail] = received(config.mail.replyTo);
    expect(received(config.mail.replyTo)).toHaveLength(1);
    expect(mail!.messageId).toBe(`<${sent.messageId}>`);
    expect(mail!.headers.get("auto-submitted")).toBe("auto-generated");
    const token = String(mail!.headers.get("x-helpline-test-mail"));
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect((await findTestMailRecord(sent.messageId))?.token).toBe(token);
    expect(
      await getPrisma().auditEvent.count({ where: { actorId: admin.id, action: "settings.email.test_mail" } }),
    ).toBe(1);
  });

  it("goes through the relay when SMTP_URL is set, to the reply-to address", async () => {
    const admin = await createTechnicianRow({ role: "admin" });
    const config = settings("relay");
    const sent = await sendTestMail({ actor: admin, settings: config });
    expect(sent.route).toBe("relay");
    expect(received(config.mail.replyTo).map((mail) => mail.messageId)).toEqual([`<${sent.messageId}>`]);
  });

  it("says why it cannot round-trip when nothing receives mail or nothing can send it", async () => {
    const admin = await createTechnicianRow({ role: "admin" });
    await expect(sendTestMail({ actor: admin, settings: settings("no-inbox") })).rejects.toMatchObject({
      status: 409,
      code: "test_mail_no_inbox",
    });
    await expect(sendTestMail({ actor: admin, settings: settings("catcher-only") })).rejects.toMatchObject({
      status: 409,
      code: "test_mail_no_route",
      message: expect.stringContaining("SMTP_URL"),
    });
  });

  it("reports a relay that refuses the mail (409) and keeps no record of a mail never sent", async () => {
    const admin = await createTechnicianRow({ role: "admin" });
    const config = settings("relay");
    // Only this file sends test mails, and its tests run one after the other.
    const records = () => getPrisma().systemSetting.count({ where: { key: { startsWith: "email.testMail:" } } });
    const before = await records();
    await sink.stop();
    try {
      await expect(sendTestMail({ actor: admin, settings: config })).rejects.toMatchObject({
        status: 409,
        code: "test_mail_not_sent",
        message: expect.stringContaining("The relay (SMTP_URL) did not take the test mail"),
      });
    } finally {
      await sink.start();
    }
    expect(await records()).toBe(before);
  });

  it("is for admins: a technician is refused both the send and the result", async () => {
    const technician = await createTechnicianRow();
    await expect(sendTestMail({ actor: technician, settings: settings("relay") })).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      getTestMailResult({ actor: technician, input: { messageId: `${unique()}@helpdesk.example.test` } }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe("the test mail's result", () => {
  it("waits, then reports the delay from the send to the ingest service storing it", async () => {
    const admin = await createTechnicianRow({ role: "admin" });
    const sent = await sendTestMail({ actor: admin, settings: settings("listener") });
    const record = (await findTestMailRecord(sent.messageId))!;
    expect(record.sentAt.getTime()).toBe(sent.sentAt.getTime());

    const waiting = await getTestMailResult({ actor: admin, input: { messageId: sent.messageId } });
    expect(waiting.state).toBe("waiting");

    await recordInbound(sent.messageId, "test", new Date(sent.sentAt.getTime() + 1400));
    expect(await getTestMailResult({ actor: admin, input: { messageId: sent.messageId } })).toEqual({
      state: "received",
      delayMs: 1400,
      outcome: "test",
      via: "smtp",
      reason: null,
    });
  });

  it("gives up after two minutes, and tells what the ingest made of mail it did not take for a test", async () => {
    const admin = await createTechnicianRow({ role: "admin" });
    const lost = await sendTestMail({ actor: admin, settings: settings("listener") });
    const later = new Date(lost.sentAt.getTime() + TEST_MAIL_WAIT_MS + 1);
    expect(await getTestMailResult({ actor: admin, input: { messageId: lost.messageId }, now: later })).toMatchObject({
      state: "timed_out",
    });

    const misread = await sendTestMail({ actor: admin, settings: settings("listener") });
    await recordInbound(misread.messageId, "ignored", new Date(misread.sentAt.getTime() + 300));
    expect(await getTestMailResult({ actor: admin, input: { messageId: misread.messageId } })).toMatchObject({
      state: "received",
      outcome: "ignored",
    });
  });

  it("answers 404 for a Message-ID Helpline sent no test mail with", async () => {
    const admin = await createTechnicianRow({ role: "admin" });
    const messageId = `${unique()}@helpdesk.example.test`;
    await recordInbound(messageId, "created", new Date());
    await expect(getTestMailResult({ actor: admin, input: { messageId } })).rejects.toMatchObject({
      status: 404,
      code: "test_mail_unknown",
    });
  });
});

describe("the test mail's round trip", () => {
  it("is recorded by the ingest service as Helpline's test mail, and the result says so with the delay", async () => {
    // A listener as small as the real one: every message goes to ingestMail as it arrives.
    const listener = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          ingestMail({ raw: Buffer.concat(chunks), via: "smtp" }).then(() => callback(), callback);
        });
      },
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", () => resolve()));
    try {
      const admin = await createTechnicianRow({ role: "admin" });
      const config = settings("listener");
      config.inbound.smtp = { ...config.inbound.smtp!, port: (listener.server.address() as AddressInfo).port };
      const sent = await sendTestMail({ actor: admin, settings: config });
      const result = await getTestMailResult({ actor: admin, input: { messageId: sent.messageId } });
      expect(result).toMatchObject({ state: "received", outcome: "test", via: "smtp" });
      expect(result.state === "received" && result.delayMs).toBeLessThan(TEST_MAIL_WAIT_MS);
      expect(await getPrisma().ticket.count({ where: { title: "Helpline test mail" } })).toBe(0);
    } finally {
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    }
  });
});
