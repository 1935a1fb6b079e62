import { config, ImapChannel, ingestMail, parseInboundMail, SmtpChannel } from "@helpline/core";
import { contactScene, Dovecot, mailWithId, TestMailbox } from "@helpline/core/testing";
import { getPrisma } from "@helpline/db";
import { applyMigrations } from "@helpline/db/migrate";
import { createScratchDatabase, withDatabaseEnv } from "@helpline/db/testing";
import nodemailer from "nodemailer";
import type { BenchResult } from "./harness.ts";

const LATENCY_RUNS = 40;
const THROUGHPUT_MAILS = 1_000;
const SMTP_CONNECTIONS = 4;

const p95 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!;

/** Resolves once the mail with `dedupeKey` is stored, polling every 5 ms; the ms it took from `started`. */
async function storedAfter(dedupeKey: string, started: number): Promise<number> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    const row = await getPrisma().inboundMail.findUnique({ where: { dedupeKey }, select: { id: true } });
    if (row) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`mail ${dedupeKey} was not stored within 30 s`);
}

/**
 * Mail in (`npm run bench -- email`): a contact's reply `[#N]` appended to a real Dovecot mailbox until it is on the
 * ticket (the channel IDLEs; its 30 s poll is out of reach), and delivered by inbound SMTP
 * (nodemailer) until it is on the ticket, p95 of 40 each; then 1,000 replies through inbound SMTP
 * over 4 connections, mails/s against parseInboundMail alone on the same 1,000 messages (the
 * baseline, same run). Runs on PostgreSQL with DATABASE_URL, else on embedded PGlite.
 */
export async function mailIn(): Promise<BenchResult> {
  const database = await createScratchDatabase({ serverUrl: process.env.DATABASE_URL || undefined, label: "b8" });
  const dovecot = new Dovecot();
  try {
    await applyMigrations({ config: database.config });
    return await withDatabaseEnv(database.env, async () => {
      const { email, ticket } = await contactScene();
      const reply = (index: number) =>
        mailWithId({ from: email, subject: `Re: [#${ticket.number}] Bench`, body: `Reply ${index}: still broken.` });
      const maxBytes = config().inbound.maxBytes;

      const { url } = await dovecot.start();
      const mailbox = new TestMailbox(dovecot);
      const imap = new ImapChannel({
        url,
        processedFolder: "Helpline/Processed",
        failedFolder: "Helpline/Failed",
        maxBytes,
        ingest: ingestMail,
        pollMs: 600_000,
      });
      imap.start();
      // Warm-up: the first connection creates the folders.
      const first = reply(-1);
      await mailbox.append("INBOX", first.raw);
      await storedAfter(first.messageId, performance.now());
      const imapTimes: number[] = [];
      for (let index = 0; index < LATENCY_RUNS; index++) {
        const mail = reply(index);
        const started = performance.now();
        await mailbox.append("INBOX", mail.raw);
        imapTimes.push(await storedAfter(mail.messageId, started));
      }
      await imap.stop();

      const smtp = new SmtpChannel({
        host: "127.0.0.1",
        port: 0,
        recipients: ["helpdesk@helpline.local"],
        tls: null,
        maxBytes,
        ingest: ingestMail,
      });
      await smtp.start();
      const transport = nodemailer.createTransport({
        host: "127.0.0.1",
        port: smtp.port,
        ignoreTLS: true,
        pool: true,
        maxConnections: SMTP_CONNECTIONS,
      });
      const deliver = (mail: { raw: Buffer }) =>
        transport.sendMail({ envelope: { from: email, to: "helpdesk@helpline.local" }, raw: mail.raw });
      await deliver(reply(-2));
      const smtpTimes: number[] = [];
      for (let index = 0; index < LATENCY_RUNS; index++) {
        const mail = reply(index);
        const started = performance.now();
        await deliver(mail);
        smtpTimes.push(await storedAfter(mail.messageId, started));
      }

      const mails = Array.from({ length: THROUGHPUT_MAILS }, (_, index) => reply(1_000 + index));
      const parseStarted = performance.now();
      for (const mail of mails) await parseInboundMail(mail.raw, { maxBytes });
      const parsePerSecond = THROUGHPUT_MAILS / ((performance.now() - parseStarted) / 1000);
      const started = performance.now();
      await Promise.all(mails.map(deliver));
      const mailsPerSecond = THROUGHPUT_MAILS / ((performance.now() - started) / 1000);
      const stored = await getPrisma().inboundMail.count({ where: { ticketId: ticket.id } });
      transport.close();
      await smtp.stop();
      return {
        name: "mail in",
        value: mailsPerSecond / parsePerSecond,
        unit: "× parsing alone",
        goal: "IMAP IDLE p95 ≤ 5000 ms, inbound SMTP p95 ≤ 1000 ms; throughput ratio reported",
        details: {
          imapIdleP95Ms: p95(imapTimes),
          smtpP95Ms: p95(smtpTimes),
          mailsPerSecond,
          parseMailsPerSecond: parsePerSecond,
          storedOnTicket: stored,
        },
      };
    });
  } finally {
    await dovecot.stop();
    await database.drop();
  }
}
