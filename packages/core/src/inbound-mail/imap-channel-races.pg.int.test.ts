import { getPrisma } from "@helpline/db";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Dovecot } from "../testing/dovecot.ts";
import { mailWithId, TestMailbox, until } from "../testing/inbound-mail-fixtures.ts";
import { contactScene } from "../testing/inbound-mail-scene.ts";
import { ImapChannel } from "./imap-channel.ts";
import { ingestMail } from "./ingest-mail.ts";

// Scale-out on PostgreSQL: two serving processes each run the IMAP channel on the same mailbox.
// Both see every message, both try to store and move it; PostgreSQL runs their ingests truly in
// parallel (PGlite would run them one after the other and prove nothing).
const dovecot = new Dovecot();
const mailbox = new TestMailbox(dovecot);
beforeAll(() => dovecot.start());
afterAll(() => dovecot.stop());

const MAILS = 24;

it(
  "two channels on one mailbox at once: every message stored and on its ticket exactly once",
  { timeout: 90_000 },
  async () => {
    const { email, ticket } = await contactScene();
    const options = {
      url: dovecot.url,
      processedFolder: "Helpline/Processed",
      failedFolder: "Helpline/Failed",
      maxBytes: 25 * 1024 * 1024,
      ingest: ingestMail,
      pollMs: 200,
      backoffMs: { min: 100, max: 1_000 },
    };
    const channels = [new ImapChannel(options), new ImapChannel(options)];
    const ids: string[] = [];
    for (let index = 0; index < MAILS; index++) {
      const mail = mailWithId({ from: email, subject: `Re: [#${ticket.number}] Backups`, body: `Night ${index}` });
      ids.push(mail.messageId);
      await mailbox.append("INBOX", mail.raw);
    }
    for (const channel of channels) channel.start();
    try {
      await until(
        "every mail to be moved",
        async () => (await mailbox.count("INBOX")) === 0 && (await mailbox.count("Helpline/Processed")) === MAILS,
        60_000,
      ).catch(async (error: Error) => {
        const counts = [await mailbox.count("INBOX"), await mailbox.count("Helpline/Processed")];
        throw new Error(`${error.message} (in INBOX ${counts[0]}, in the processed folder ${counts[1]})`);
      });
      const stored = await getPrisma().inboundMail.findMany({ where: { dedupeKey: { in: ids } } });
      const messages = await getPrisma().ticketMessage.count({
        where: { ticketId: ticket.id, inboundMail: { isNot: null } },
      });
      console.log(`two channels: ${stored.length} mails stored, ${messages} ticket messages, ${MAILS} sent`);
      expect(stored).toHaveLength(MAILS);
      // Moved once each: no second copy in the processed folder.
      expect(await mailbox.count("Helpline/Processed")).toBe(MAILS);
      expect(messages).toBe(MAILS);
    } finally {
      await Promise.all(channels.map((channel) => channel.stop()));
    }
  },
);
