import { getPrisma } from "@helpline/db";
import { applyMigrations } from "@helpline/db/migrate";
import { createCustomerRow, createScratchDatabase, unique, withDatabaseEnv } from "@helpline/db/testing";
import nodemailer from "nodemailer";
import pg from "pg";
import { expect, it } from "vitest";
import { ingestMail } from "./ingest-mail.ts";
import { SmtpChannel } from "./smtp-channel.ts";

// The database unreachable while a mail is delivered: the sender must get a temporary 451 (and
// keep the mail), and the same mail delivered again once the database is back is stored once.
// Done on a scratch database of its own (connections refused there only), so the tests beside
// it keep theirs.
async function setConnections(serverUrl: string, database: string, allowed: boolean) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS ${allowed}`);
    if (!allowed)
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [database],
      );
  } finally {
    await admin.end();
  }
}

it(
  "database down: inbound SMTP answers 451 4.3.0, and the retried mail is stored exactly once",
  { timeout: 90_000 },
  async () => {
    const serverUrl = process.env.DATABASE_URL!;
    const scratch = await createScratchDatabase({ serverUrl, label: "smtp451" });
    await applyMigrations({ config: scratch.config });
    const database = new URL(scratch.env.DATABASE_URL!).pathname.slice(1);
    try {
      await withDatabaseEnv(scratch.env, async () => {
        const customer = await createCustomerRow();
        const email = `${unique("user")}@customer.example.test`;
        await getPrisma().contact.create({ data: { customerId: customer.id, fullName: "Jane Doe", email } });
        const channel = new SmtpChannel({
          host: "127.0.0.1",
          port: 0,
          recipients: ["helpdesk@helpline.local"],
          tls: null,
          maxBytes: 1024 * 1024,
          ingest: ingestMail,
        });
        await channel.start();
        const transport = nodemailer.createTransport({ host: "127.0.0.1", port: channel.port, ignoreTLS: true });
        const messageId = `${unique("retry")}@client.example.test`;
        const mail = {
          from: email,
          to: "helpdesk@helpline.local",
          subject: "Server room too warm",
          text: "32 °C",
          messageId: `<${messageId}>`,
        };
        try {
          await setConnections(serverUrl, database, false);
          const refused = await transport.sendMail(mail).then(
            () => null,
            (error: { responseCode?: number; response?: string }) => error,
          );
          expect(refused?.responseCode).toBe(451);
          expect(refused?.response).toContain("4.3.0");
          await setConnections(serverUrl, database, true);
          // A sending server retries the same message later (RFC 5321 §4.5.4.1); twice here, to show
          // that a retry after a lost 250 does not store it again.
          expect((await transport.sendMail(mail)).response).toMatch(/^250/);
          expect((await transport.sendMail(mail)).response).toMatch(/^250/);
          const stored = await getPrisma().inboundMail.findMany({ where: { dedupeKey: messageId } });
          expect(stored).toHaveLength(1);
          expect(await getPrisma().ticket.count({ where: { customerId: customer.id } })).toBe(1);
        } finally {
          transport.close();
          await channel.stop();
        }
      });
    } finally {
      await setConnections(serverUrl, database, true).catch(() => undefined);
      await scratch.drop();
    }
  },
);
