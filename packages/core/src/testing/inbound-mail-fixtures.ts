import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { unique } from "@helpline/db/testing";
import { ImapFlow } from "imapflow";
import { ImapChannel, type ImapChannelOptions } from "../inbound-mail/imap-channel.ts";
import { ingestMail } from "../inbound-mail/ingest-mail.ts";
import type { Dovecot } from "./dovecot.ts";
import { rawMail, type TestMail } from "./inbound-mail-scene.ts";

/** A hand-written message (inbound-mail-scene's rawMail) with a fresh Message-ID, and that id. */
export function mailWithId(mail: Omit<TestMail, "messageId">): { raw: Buffer; messageId: string } {
  const messageId = `${randomUUID()}@client.example.test`;
  return { raw: rawMail({ ...mail, messageId }), messageId };
}

/**
 * A second, independent IMAP client on a test Dovecot: what a mail server delivering into the
 * mailbox (APPEND) and a person looking into its folders (STATUS, FETCH) do. One connection per
 * call, so it works across a Dovecot restart. On a Dovecot with TLS it upgrades with STARTTLS and
 * trusts the server's own certificate.
 */
export class TestMailbox {
  constructor(private readonly dovecot: Dovecot) {}

  private async with<T>(run: (client: ImapFlow) => Promise<T>): Promise<T> {
    const port = Number(new URL(this.dovecot.url).port);
    const ca = this.dovecot.caFile;
    const client = new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      auth: { user: this.dovecot.user, pass: this.dovecot.password },
      ...(ca ? { tls: { ca: [fs.readFileSync(ca)] } } : {}),
      logger: false,
      disableAutoIdle: true,
    });
    client.on("error", () => undefined);
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  /** The capabilities the server announces after login (IDLE among them unless started without). */
  async capabilities(): Promise<string[]> {
    return this.with(async (client) => [...client.capabilities.keys()]);
  }

  /** `name` with "/" between levels, on the server's delimiter ("." on the test Dovecot). */
  async create(name: string): Promise<string> {
    return this.with(async (client) => (await client.mailboxCreate(name.split("/"))).path);
  }

  async append(mailbox: string, raw: Buffer): Promise<void> {
    await this.with((client) => client.append(mailbox, raw));
  }

  /** How many messages a folder holds (0 when it does not exist). */
  async count(mailbox: string): Promise<number> {
    return this.with(async (client) => {
      const path = mailbox.split("/").join(client.namespace?.delimiter ?? "/");
      const status = await client.status(path, { messages: true }).catch(() => false as const);
      return status ? (status.messages ?? 0) : 0;
    });
  }

  /** The raw messages of a folder, oldest first. */
  async sources(mailbox: string): Promise<string[]> {
    return this.with(async (client) => {
      const path = mailbox.split("/").join(client.namespace?.delimiter ?? "/");
      const lock = await client.getMailboxLock(path);
      try {
        const sources: string[] = [];
        if ((client.mailbox || null)?.exists === 0) return sources;
        for await (const message of client.fetch("1:*", { source: true })) sources.push(message.source!.toString());
        return sources;
      } finally {
        lock.release();
      }
    });
  }
}

/**
 * A mailbox of the test's own on the server `url` names (its INBOX path replaced), and a channel on
 * it with the real ingest (started by the test): folders `<name>/Processed` and `<name>/Failed`
 * unless `folders` gives "processed|failed"; a poll of a minute and quick reconnects unless set.
 */
export async function channelOn(
  mailbox: TestMailbox,
  url: string,
  options: Partial<
    Pick<ImapChannelOptions, "pollMs" | "backoffMs" | "othersGraceMs" | "maxBytes" | "caPath" | "log">
  > & {
    folders?: string;
  } = {},
) {
  const name = unique("box").replace(/-/g, "");
  await mailbox.create(name);
  const { folders = `${name}/Processed|${name}/Failed`, ...overrides } = options;
  const [processedFolder, failedFolder] = folders.split("|") as [string, string];
  const channel = new ImapChannel({
    url: url.replace(/\/INBOX$/, `/${name}`),
    processedFolder,
    failedFolder,
    maxBytes: 25 * 1024 * 1024,
    ingest: (input) => ingestMail(input),
    pollMs: 60_000,
    backoffMs: { min: 100, max: 1_000 },
    ...overrides,
  });
  return { name, channel, processedFolder, failedFolder };
}

/** Polls `check` every 50 ms until it returns true; throws with `what` after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}
