import fs from "node:fs/promises";
import { rootCertificates } from "node:tls";
import { ImapFlow } from "imapflow";
import type { IngestRawMail } from "./ingest-raw-mail.ts";
import { recordChannelMessage, recordChannelStatus } from "./record-channel-status.ts";

/** The mailbox and folders of `IMAP_URL`, `IMAP_PROCESSED_FOLDER` and `IMAP_FAILED_FOLDER`. */
export type ImapChannelOptions = {
  /** imap:// (STARTTLS when offered) or imaps:// (TLS), user and password in the URL, mailbox in its path (default INBOX). */
  url: string;
  /**
   * A PEM file of CA certificates trusted besides Node's built-in list (`IMAP_TLS_CA`): for a
   * server whose certificate an internal CA signed. The server's certificate is always verified.
   */
  caPath?: string;
  /** Folder names with "/" between levels, mapped to the server's own hierarchy delimiter. */
  processedFolder: string;
  failedFolder: string;
  /** The largest message taken whole, in bytes (`INBOUND_MAIL_MAX_BYTES`); a larger one is fetched cut and fails. */
  maxBytes: number;
  ingest: IngestRawMail;
  /** How often the mailbox is checked besides IDLE, in ms (default 30 s). */
  pollMs?: number;
  /** Reconnect backoff bounds in ms (default 1 s … 60 s). */
  backoffMs?: { min: number; max: number };
  /**
   * How long a message another process has stored may stay in the mailbox before this one moves
   * it (default 30 s): long enough for the process that stored it to move it itself, so two
   * channels on one mailbox do not both move it (Dovecot, like others, still copies a message
   * another session expunged until this session hears of the expunge, which would leave two).
   */
  othersGraceMs?: number;
  log?: (line: string) => void;
};

/** The header a message moved to the failed folder carries, so whoever opens it there reads why. */
export const FAILURE_HEADER = "X-Helpline-Failure";
const DEFAULT_POLL_MS = 30_000;
const DEFAULT_BACKOFF_MS = { min: 1_000, max: 60_000 };
const DEFAULT_OTHERS_GRACE_MS = 30_000;

// Node's codes for a certificate chain it could not verify (OpenSSL's X509_V_ERR_* names).
const UNTRUSTED_CERTIFICATE = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
]);

/**
 * Why a connection failed, in words for Settings ▸ Email: an untrusted certificate names the
 * setting that fixes it; other errors keep their own message.
 */
function describeConnectError(error: Error & { code?: string }): string {
  if (error.code && UNTRUSTED_CERTIFICATE.has(error.code))
    return `The server's TLS certificate is not trusted (${error.message}); if your own CA signed it, set IMAP_TLS_CA to that CA's PEM file`;
  return error.message;
}

/** Thrown out of a pass when Helpline could not store a message: the message stays, the pass retries later. */
class StoreUnavailable extends Error {}

/** host:port/mailbox of an IMAP URL, and the pieces ImapFlow needs; the password stays out of `detail`. */
function parseImapUrl(url: string) {
  const parsed = new URL(url);
  const secure = parsed.protocol === "imaps:";
  const port = parsed.port ? Number(parsed.port) : secure ? 993 : 143;
  const mailbox = decodeURIComponent(parsed.pathname.replace(/^\/+/, "")) || "INBOX";
  return {
    host: parsed.hostname,
    port,
    secure,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    mailbox,
    detail: `${parsed.hostname}:${port}/${mailbox}`,
  };
}

/** Exponential backoff with jitter: about min × 2^attempt, capped at max, between half and all of it. */
function backoffDelay(attempt: number, bounds: { min: number; max: number }): number {
  const ceiling = Math.min(bounds.max, bounds.min * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** One header line's worth of `text`: control characters (CR, LF, tabs…) become single spaces. */
function headerSafe(text: string): string {
  return [...text]
    .map((char) => (char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f ? " " : char))
    .join("")
    .replace(/ {2,}/g, " ");
}

/**
 * `raw` with `X-Helpline-Failure: <reason>` in front of its headers (RFC 5322 allows any header
 * order; one line, control characters replaced, so the header cannot end early or inject another).
 */
export function withFailureHeader(raw: Buffer, reason: string): Buffer {
  const line = headerSafe(reason).slice(0, 900);
  return Buffer.concat([Buffer.from(`${FAILURE_HEADER}: ${line}\r\n`), raw]);
}

/** A short message of our own for the failed folder, for a message too large to copy with its reason. */
function failureNotice(reason: string, now: Date): Buffer {
  return Buffer.from(
    `${FAILURE_HEADER}: ${headerSafe(reason).slice(0, 900)}\r\n` +
      `From: Helpline <helpline@localhost>\r\nSubject: Helpline could not take the message next to this one\r\n` +
      `Date: ${now.toUTCString()}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n` +
      `Helpline could not take a message from this mailbox and moved it to this folder unchanged.\r\nReason: ${reason}\r\n`,
  );
}

/**
 * Takes mail from an IMAP mailbox (`imapflow`): every message present, oldest first by UID, is
 * fetched whole and handed to `ingest`; after Helpline has stored it, it is moved to the processed
 * folder, or, when ingest reports "failed", to the failed folder with `X-Helpline-Failure: <reason>`
 * prepended (a copy is appended and the original deleted). When ingest throws (database down) the
 * message stays in the mailbox for the next pass. Between passes the connection IDLEs (RFC 2177)
 * and a pass runs on every `exists` event, and at least every 30 s (servers without IDLE get
 * imapflow's NOOP polling as well). A dropped connection is reopened with exponential backoff
 * (1 s … 60 s, with jitter). Exactly once holds because ingest dedupes and the move comes after
 * the store: a message stored but not moved (crash, lost connection) comes back from ingest as a
 * "duplicate" and is then moved (at once when this channel stored it, after `othersGraceMs` when
 * another process did). Exactly once is Helpline's: a server that dies in the middle of its own
 * MOVE (Dovecot's maildir MOVE is a copy, then an expunge) can leave the copy in the processed
 * folder and the original in the mailbox, which is then moved again, so that folder may hold the
 * mail twice while its ticket holds it once. Several processes may run the channel on one
 * mailbox: the one whose ingest stored a message moves it, the others leave it; one moved first is
 * simply gone and skipped.
 * imaps:// connects with TLS, imap:// upgrades with STARTTLS when the server offers it; either way
 * the server's certificate is verified against Node's built-in CAs plus `caPath` (an untrusted one
 * ends the connection with an error that names `IMAP_TLS_CA`). State goes to InboundChannelStatus "imap".
 */
export class ImapChannel {
  private readonly target: ReturnType<typeof parseImapUrl>;
  private readonly pollMs: number;
  private readonly backoffMs: { min: number; max: number };
  private readonly othersGraceMs: number;
  // Messages of the open mailbox ("uidValidity:uid") this channel stored itself but has not moved
  // yet (a dropped connection), and those stored by another process, with when they were first seen.
  private readonly storedHere = new Set<string>();
  private readonly storedElsewhere = new Map<string, number>();
  private readonly log: (line: string) => void;
  private stopped = true;
  private running: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;
  private woken = false;

  constructor(private readonly options: ImapChannelOptions) {
    this.target = parseImapUrl(options.url);
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.othersGraceMs = options.othersGraceMs ?? DEFAULT_OTHERS_GRACE_MS;
    this.log = options.log ?? (() => undefined);
  }

  /** host:port/mailbox, for logs and the status row. */
  get detail(): string {
    return this.target.detail;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = this.run();
  }

  /** Ends the connection and waits for the pass in progress (a message being stored is finished first). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
  }

  /** Runs a pass soon (tests and the IDLE `exists` event). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      const outcome = await this.session(() => (attempt = 0));
      if (this.stopped) break;
      await recordChannelStatus({ channel: "imap", state: "error", detail: this.detail, error: outcome });
      const delay = backoffDelay(attempt++, this.backoffMs);
      this.log(`Mail in: IMAP ${this.detail}: ${outcome}; trying again in ${(delay / 1000).toFixed(1)} s`);
      // The closing connection's own wake-up must not cut the backoff short.
      this.woken = false;
      await this.pause(delay);
    }
  }

  /** One connection, from connect to drop or stop. Resolves with why it ended (for the status row). */
  private async session(onConnected: () => void): Promise<string> {
    await recordChannelStatus({ channel: "imap", state: "connecting", detail: this.detail });
    let ca: string[] | undefined;
    try {
      // Read per connection, so a renewed CA file is taken without a restart.
      if (this.options.caPath) ca = [...rootCertificates, await fs.readFile(this.options.caPath, "utf8")];
    } catch (error) {
      return `IMAP_TLS_CA could not be read: ${(error as Error).message}`;
    }
    const client = new ImapFlow({
      host: this.target.host,
      port: this.target.port,
      secure: this.target.secure,
      ...(ca ? { tls: { ca } } : {}),
      auth: { user: this.target.user, pass: this.target.password },
      logger: false,
      // IDLE is started by the loop below, between passes, not by imapflow after every command.
      disableAutoIdle: true,
      connectionTimeout: 30_000,
    });
    let closed = false;
    let lastError = "the connection was closed";
    client.on("error", (error: Error) => (lastError = error.message));
    client.on("close", () => {
      closed = true;
      this.wake();
    });
    client.on("exists", () => this.wake());
    try {
      await client.connect();
      const processed = await this.ensureFolder(client, this.options.processedFolder);
      const failed = await this.ensureFolder(client, this.options.failedFolder);
      await client.mailboxOpen(this.target.mailbox);
      await recordChannelStatus({ channel: "imap", state: "connected", detail: this.detail });
      onConnected();
      while (!this.stopped && !closed) {
        this.woken = false;
        const deferredMs = await this.pass(client, { processed, failed });
        if (this.stopped || closed || this.woken) continue;
        // IDLE ends by itself when the next command (the next pass's SEARCH) is sent.
        void client.idle().catch(() => undefined);
        await this.pause(Math.min(this.pollMs, deferredMs ?? Infinity));
      }
      return lastError;
    } catch (error) {
      return error instanceof StoreUnavailable ? error.message : describeConnectError(error as Error) || lastError;
    } finally {
      if (this.stopped && client.usable) await client.logout().catch(() => undefined);
      client.close();
    }
  }

  /** The folder's full path on this server, created when missing ("/" in the name → the server's delimiter). */
  private async ensureFolder(client: ImapFlow, name: string): Promise<string> {
    const created = await client.mailboxCreate(name.split("/").filter(Boolean));
    return created.path;
  }

  /**
   * Every message in the mailbox, oldest first; stops at the first one Helpline could not store.
   * A "duplicate" (already stored) is moved when this channel stored it (the move was cut off)
   * or when it has outstayed the grace another process gets to move what it stored (a crash).
   * Resolves with the ms until the first message left to another process is due, or null.
   */
  private async pass(client: ImapFlow, folders: { processed: string; failed: string }): Promise<number | null> {
    const uids = ((await client.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
    const validity = String(client.mailbox ? client.mailbox.uidValidity : "");
    const present = new Set(uids.map((uid) => `${validity}:${uid}`));
    for (const key of this.storedElsewhere.keys()) if (!present.has(key)) this.storedElsewhere.delete(key);
    for (const key of this.storedHere) if (!present.has(key)) this.storedHere.delete(key);
    let handled = 0;
    for (const uid of uids) {
      if (this.stopped) break;
      const key = `${validity}:${uid}`;
      const seenElsewhere = this.storedElsewhere.get(key);
      if (seenElsewhere !== undefined && Date.now() - seenElsewhere < this.othersGraceMs) continue;
      const message = await client.fetchOne(
        String(uid),
        { source: { maxLength: this.options.maxBytes + 1 } },
        { uid: true },
      );
      // Another process moved it between our SEARCH and this FETCH.
      if (!message || !message.source) continue;
      let result: { outcome: string; reason: string | null };
      try {
        result = await this.options.ingest({ raw: message.source, via: "imap" });
      } catch (error) {
        throw new StoreUnavailable(
          `Helpline could not store mail (${(error as Error).message}); it stays in the mailbox`,
        );
      }
      if (result.outcome === "duplicate" && !this.storedHere.has(key) && seenElsewhere === undefined) {
        this.storedElsewhere.set(key, Date.now());
        continue;
      }
      this.storedHere.add(key);
      handled++;
      if (result.outcome === "failed")
        await this.moveToFailed(client, uid, message.source, result.reason, folders.failed);
      else await client.messageMove(String(uid), folders.processed, { uid: true });
      this.storedHere.delete(key);
      this.storedElsewhere.delete(key);
    }
    if (handled > 0) await recordChannelMessage("imap");
    const firstSeen = Math.min(...this.storedElsewhere.values());
    return Number.isFinite(firstSeen) ? Math.max(0, firstSeen + this.othersGraceMs - Date.now()) : null;
  }

  private async moveToFailed(client: ImapFlow, uid: number, raw: Buffer, reason: string | null, failedPath: string) {
    const why = reason ?? "Helpline could not read this message";
    if (raw.length > this.options.maxBytes) {
      // Fetched cut at the size limit: the original moves unchanged and a notice says why.
      await client.messageMove(String(uid), failedPath, { uid: true });
      await client.append(failedPath, failureNotice(why, new Date()));
      return;
    }
    await client.append(failedPath, withFailureHeader(raw, why));
    await client.messageDelete(String(uid), { uid: true });
  }

  private pause(ms: number): Promise<void> {
    if (this.stopped || this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
  }
}
