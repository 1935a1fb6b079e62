import { randomUUID } from "node:crypto";
import { ImapFlow } from "imapflow";
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
 * call, so it works across a Dovecot restart.
 */
export class TestMailbox {
  constructor(private readonly dovecot: Dovecot) {}

  private async with<T>(run: (client: ImapFlow) => Promise<T>): Promise<T> {
    const port = Number(new URL(this.dovecot.url).port);
    const client = new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      auth: { user: this.dovecot.user, pass: this.dovecot.password },
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

/** Polls `check` every 50 ms until it returns true; throws with `what` after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}
