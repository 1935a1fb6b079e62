import fs from "node:fs";
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import type { IngestRawMail } from "./ingest-raw-mail.ts";
import { recordChannelMessage, recordChannelStatus } from "./record-channel-status.ts";

/** `INBOUND_SMTP_*` and `INBOUND_MAIL_MAX_BYTES`, as config().inbound gives them. */
export type SmtpChannelOptions = {
  host: string;
  /** 0 picks a free port (tests); `port` tells which one after start(). */
  port: number;
  /** The only addresses mail is taken for, lower-case (compared case-insensitively). */
  recipients: string[];
  /** PEM files; with them STARTTLS is offered, without it is not. */
  tls: { certPath: string; keyPath: string } | null;
  /** The largest message in bytes: announced as SIZE (RFC 1870), larger refused with 552. */
  maxBytes: number;
  ingest: IngestRawMail;
  log?: (line: string) => void;
};

const BANNER = "Helpline inbound mail";
// SMTP replies with enhanced status codes (RFC 3463): permanent for what a retry cannot fix,
// temporary (4xx) when the sender should try again later (RFC 5321 §4.2.5).
const UNKNOWN_RECIPIENT = {
  code: 550,
  text: "5.1.1 No such mailbox here; Helpline takes mail for its support addresses only",
};
const TOO_LARGE = { code: 552, text: "5.3.4 Message too big for Helpline" };
const TRY_LATER = { code: 451, text: "4.3.0 Helpline could not store the message now; please try again later" };
/**
 * Connections at once; more get 421 and retry later. smtp-server's default is unlimited, so a slow
 * client holding each connection open (up to its 60 s socket timeout) could exhaust the process's
 * sockets and memory; mail servers deliver over a handful of connections.
 */
export const SMTP_MAX_CLIENTS = 100;

function smtpError(reply: { code: number; text: string }): Error & { responseCode: number } {
  return Object.assign(new Error(reply.text), { responseCode: reply.code });
}

/**
 * The inbound SMTP listener (`smtp-server`) for an MX record or a forwarding rule: no AUTH (it is a
 * final destination, not a relay), mail only for `recipients` (others get 550 5.1.1 at RCPT TO),
 * SIZE announced and enforced (552 at MAIL FROM when the announced size is too large, and when
 * the data itself exceeds it), STARTTLS only when a certificate is given, at most
 * SMTP_MAX_CLIENTS connections at once. Each message is read
 * whole and handed to `ingest`; the sender gets 250 only after Helpline has stored it, and 451
 * 4.3.0 when it could not (database down), so the sending server keeps the mail and retries
 * (RFC 5321 §4.5.4.1). State goes to InboundChannelStatus "smtp": listening / error.
 */
export class SmtpChannel {
  private server: SMTPServer | null = null;
  private readonly log: (line: string) => void;
  port: number;

  constructor(private readonly options: SmtpChannelOptions) {
    this.port = options.port;
    this.log = options.log ?? (() => undefined);
  }

  get detail(): string {
    return `${this.options.host}:${this.port}`;
  }

  /** Listens; rejects when the port cannot be bound (and records the error on the status row). */
  async start(): Promise<void> {
    const { tls, maxBytes } = this.options;
    const accepted = new Set(this.options.recipients.map((address) => address.toLowerCase()));
    const settings: SMTPServerOptions = {
      banner: BANNER,
      size: maxBytes,
      authOptional: true,
      disabledCommands: tls ? ["AUTH"] : ["AUTH", "STARTTLS"],
      ...(tls ? { key: fs.readFileSync(tls.keyPath), cert: fs.readFileSync(tls.certPath) } : {}),
      logger: false,
      maxClients: SMTP_MAX_CLIENTS,
      onRcptTo: (address, _session, callback) => {
        if (accepted.has(address.address.trim().toLowerCase())) return callback();
        callback(smtpError(UNKNOWN_RECIPIENT));
      },
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (chunk: Buffer) => {
          size += chunk.length;
          // Past the limit the rest is read and dropped, so the connection stays in step.
          if (size <= maxBytes) chunks.push(chunk);
        });
        stream.on("end", () => {
          if (stream.sizeExceeded || size > maxBytes) return callback(smtpError(TOO_LARGE));
          this.options.ingest({ raw: Buffer.concat(chunks), via: "smtp" }).then(
            () => {
              void recordChannelMessage("smtp");
              callback();
            },
            (error: Error) => {
              this.log(`Mail in: inbound SMTP could not store a message (${error.message}); the sender will retry`);
              void recordChannelStatus({
                channel: "smtp",
                state: "error",
                detail: this.detail,
                error: `Could not store a message, answered 451 so the sender retries: ${error.message}`,
              });
              callback(smtpError(TRY_LATER));
            },
          );
        });
      },
    };
    const server = new SMTPServer(settings);
    server.on("error", (error: Error) => this.log(`Mail in: inbound SMTP ${this.detail}: ${error.message}`));
    try {
      await new Promise<void>((resolve, reject) => {
        server.server.once("error", reject);
        server.listen(this.options.port, this.options.host, () => {
          server.server.off("error", reject);
          resolve();
        });
      });
    } catch (error) {
      await recordChannelStatus({
        channel: "smtp",
        state: "error",
        detail: this.detail,
        error: `Cannot listen: ${(error as Error).message}`,
      });
      throw error;
    }
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    await recordChannelStatus({ channel: "smtp", state: "listening", detail: this.detail });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
