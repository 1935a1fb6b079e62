import { getPrisma } from "@helpline/db";
import { createTechnicianRow } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import type { HelplineConfig } from "../config/config.ts";
import { getInboundMailStatus } from "./get-inbound-mail-status.ts";

const FROM = "Helpline <helpdesk@example.test>";
const OFF: Pick<HelplineConfig, "mail" | "inbound"> = {
  mail: { mode: "catcher", from: FROM, replyTo: "support@example.test" },
  inbound: { imap: null, smtp: null, maxBytes: 1024 },
};
const ON: Pick<HelplineConfig, "mail" | "inbound"> = {
  mail: OFF.mail,
  inbound: {
    imap: {
      url: "imaps://help%40example.test:s3cret@mail.example.test:993/INBOX",
      processedFolder: "P",
      failedFolder: "F",
    },
    smtp: { host: "127.0.0.1", port: 2525, recipients: ["support@example.test", "help@example.test"], tls: null },
    maxBytes: 1024,
  },
};

// InboundChannelStatus has one row per channel for the whole installation: this file is the only
// test that writes both rows, and it writes then reads within one test.
describe("Settings ▸ Email status", () => {
  it("says off for a channel that is not configured, whatever an earlier configuration left behind", async () => {
    const technician = await createTechnicianRow();
    await getPrisma().inboundChannelStatus.upsert({
      where: { channel: "imap" },
      create: { channel: "imap", state: "connected" },
      update: { state: "connected" },
    });
    const status = await getInboundMailStatus({ actor: technician, settings: OFF });
    expect(status.replyTo).toBe("support@example.test");
    expect(status.imap).toMatchObject({ state: "off", mailbox: null, lastError: null });
    expect(status.smtp).toMatchObject({ state: "off", host: null, port: null, recipients: [] });
  });

  it("merges the configuration with what the transports reported, never showing the mailbox password", async () => {
    const technician = await createTechnicianRow();
    const lastErrorAt = new Date("2026-12-01T10:42:00Z");
    const lastMessageAt = new Date("2026-12-01T10:40:00Z");
    await getPrisma().inboundChannelStatus.deleteMany({ where: { channel: "smtp" } });
    await getPrisma().inboundChannelStatus.upsert({
      where: { channel: "imap" },
      create: { channel: "imap", state: "error", lastError: "Connection refused", lastErrorAt, lastMessageAt },
      update: { state: "error", lastError: "Connection refused", lastErrorAt, lastMessageAt, detail: null },
    });
    const status = await getInboundMailStatus({ actor: technician, settings: ON });
    expect(status.imap).toMatchObject({
      state: "error",
      mailbox: "mail.example.test:993/INBOX",
      lastError: "Connection refused",
      lastErrorAt,
      lastMessageAt,
    });
    expect(JSON.stringify(status)).not.toContain("s3cret");
    // Configured, but no process has reported on the listener yet.
    expect(status.smtp).toMatchObject({
      state: "starting",
      host: "127.0.0.1",
      port: 2525,
      recipients: ["support@example.test", "help@example.test"],
    });

    await getPrisma().inboundChannelStatus.create({
      data: { channel: "smtp", state: "listening", detail: "127.0.0.1:2525" },
    });
    expect((await getInboundMailStatus({ actor: technician, settings: ON })).smtp.state).toBe("listening");
  });
});
