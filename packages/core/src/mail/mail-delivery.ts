import { deliverDueMail } from "./deliver-due-mail.ts";
import { config } from "../config/config.ts";
import { createMailTransport, type MailTransport } from "./mail-transport.ts";

const POLL_MS = 2_000;

/** The background sender of a serving process: drains the outbox every few seconds, or when woken. */
export class MailDelivery {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private readonly transport: MailTransport;

  constructor(transport: MailTransport = createMailTransport(config().mail)) {
    this.transport = transport;
  }

  get mode(): MailTransport["mode"] {
    return this.transport.mode;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.wake(), POLL_MS).unref();
  }

  /** Runs one pass now (one at a time; a database hiccup waits for the next pass). */
  wake(): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        while ((await deliverDueMail({ transport: this.transport })).delivered > 0);
      } catch {
        // The database is unreachable: the next pass tries again.
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    this.transport.close();
  }
}
