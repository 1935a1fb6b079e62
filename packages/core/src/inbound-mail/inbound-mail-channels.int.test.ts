import net from "node:net";
import { getPrisma } from "@helpline/db";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Dovecot } from "../testing/dovecot.ts";
import { mailWithId, TestMailbox, until } from "../testing/inbound-mail-fixtures.ts";
import { contactScene } from "../testing/inbound-mail-scene.ts";
import { InboundMailChannels } from "./inbound-mail-channels.ts";

// What a serving process starts: both channels from one configuration, one log line each. The
// SMTP port is taken by someone else here (a second Helpline on 2525): the start goes on, the
// error is on the "smtp" status row, and the IMAP channel serves.
const dovecot = new Dovecot();
beforeAll(() => dovecot.start());
afterAll(() => dovecot.stop());

it("starts IMAP and inbound SMTP from the configuration; a port in use is an error on the status row, not a failed start", async () => {
  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(0, "127.0.0.1", () => resolve()));
  const busyPort = (squatter.address() as net.AddressInfo).port;
  const lines: string[] = [];
  const channels = new InboundMailChannels({
    inbound: {
      imap: { url: dovecot.url, processedFolder: "Helpline/Processed", failedFolder: "Helpline/Failed" },
      smtp: { port: busyPort, host: "127.0.0.1", recipients: ["helpdesk@helpline.local"], tls: null },
      maxBytes: 25 * 1024 * 1024,
    },
    log: (line) => lines.push(line),
  });
  try {
    await channels.start();
    expect(lines).toContainEqual(
      expect.stringMatching(/^Mail in: IMAP 127\.0\.0\.1:\d+\/INBOX, processed mail to Helpline\/Processed/),
    );
    expect(lines).toContainEqual(
      expect.stringContaining(`Mail in: inbound SMTP could not listen on 127.0.0.1:${busyPort}`),
    );
    expect(lines.join("\n")).not.toContain(dovecot.password);
    // One row per channel for all processes (and for the tests running beside this one on
    // PostgreSQL, which may report "listening" meanwhile); the error stays until the next one.
    const smtp = await getPrisma().inboundChannelStatus.findUniqueOrThrow({ where: { channel: "smtp" } });
    expect(smtp.lastError).toMatch(new RegExp(`EADDRINUSE.*127\\.0\\.0\\.1:${busyPort}`));
    const { email, ticket } = await contactScene();
    const mail = mailWithId({ from: email, subject: `Re: [#${ticket.number}] Printer`, body: "Still jammed." });
    await new TestMailbox(dovecot).append("INBOX", mail.raw);
    await until("the mail to be on its ticket", async () =>
      Boolean(await getPrisma().inboundMail.findFirst({ where: { dedupeKey: mail.messageId, ticketId: ticket.id } })),
    );
  } finally {
    await channels.stop();
    squatter.close();
  }
});
