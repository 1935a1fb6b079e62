import { config, type InboundMailConfig } from "../config/config.ts";
import { ImapChannel } from "./imap-channel.ts";
import { ingestMail } from "./ingest-mail.ts";
import type { IngestRawMail } from "./ingest-raw-mail.ts";
import { purgeIgnoredMail } from "./purge-ignored-mail.ts";
import { SmtpChannel } from "./smtp-channel.ts";

const PURGE_EVERY_MS = 60 * 60_000;

/**
 * The ways mail comes in, for a serving process (apps/console/server.ts, apps/gateway/src/main.ts,
 * beside MailDelivery): the IMAP mailbox when `IMAP_URL` is set, the inbound SMTP listener when
 * config().inbound.smtp is on (127.0.0.1:2525 on embedded defaults), and the hourly purge of
 * ignored mail older than 30 days. Several processes on one PostgreSQL may each run them: ingest
 * stores every message once, so two IMAP channels on one mailbox are harmless (for SMTP each
 * process needs its own port or host). `start()` logs one line per channel through `log`. A port
 * that cannot be bound (another Helpline on 2525) is logged and recorded as the "smtp" channel's
 * error rather than stopping the start: the console and the IMAP channel still serve.
 */
export class InboundMailChannels {
  private imap: ImapChannel | null = null;
  private smtp: SmtpChannel | null = null;
  private purgeTimer: NodeJS.Timeout | null = null;
  private readonly inbound: InboundMailConfig;
  private readonly ingest: IngestRawMail;
  private readonly log: (line: string) => void;

  constructor(options: { inbound?: InboundMailConfig; ingest?: IngestRawMail; log?: (line: string) => void } = {}) {
    this.inbound = options.inbound ?? config().inbound;
    this.ingest = options.ingest ?? ((input) => ingestMail(input));
    this.log = options.log ?? (() => undefined);
  }

  /** The inbound SMTP port actually bound (a configured 0 picks a free one), or null when off. */
  get smtpPort(): number | null {
    return this.smtp?.port ?? null;
  }

  async start(): Promise<void> {
    const { imap, smtp, maxBytes } = this.inbound;
    if (imap) {
      this.imap = new ImapChannel({ ...imap, maxBytes, ingest: this.ingest, log: this.log });
      this.imap.start();
      this.log(
        `Mail in: IMAP ${this.imap.detail}, processed mail to ${imap.processedFolder}, failed to ${imap.failedFolder}`,
      );
    }
    if (smtp) {
      const channel = new SmtpChannel({ ...smtp, maxBytes, ingest: this.ingest, log: this.log });
      try {
        await channel.start();
        this.smtp = channel;
        this.log(`Mail in: inbound SMTP on ${channel.detail} for ${smtp.recipients.join(", ")}`);
      } catch (error) {
        // Everything else still serves; Settings ▸ Email shows the error (the channel recorded it).
        this.log(`Mail in: inbound SMTP could not listen on ${channel.detail}: ${(error as Error).message}`);
      }
    }
    if (!imap && !smtp) this.log("Mail in: off (set IMAP_URL or INBOUND_SMTP_PORT to receive replies)");
    this.purgeTimer = setInterval(() => void this.purge(), PURGE_EVERY_MS).unref();
    void this.purge();
  }

  async stop(): Promise<void> {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.purgeTimer = null;
    await Promise.all([this.imap?.stop(), this.smtp?.stop()]);
    this.imap = null;
    this.smtp = null;
  }

  private async purge(): Promise<void> {
    try {
      await purgeIgnoredMail({ now: new Date() });
    } catch {
      // The database is unreachable: the next hour tries again.
    }
  }
}
