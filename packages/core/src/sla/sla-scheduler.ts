import { isDatabaseUnavailable } from "@helpline/db";
import { runSlaRecompute } from "./run-sla-recompute.ts";
import { sendSlaAlerts } from "./send-sla-alerts.ts";

const POLL_MS = 15_000;
// Tickets per alert transaction: small, so a ticket's own changes never wait long for its lock.
const ALERT_BATCH = 50;

/**
 * The SLA scheduler of a serving process (every one runs it, like MailDelivery): every 15 s, or
 * when woken, sends the warning and breach alerts that are due (`sendSlaAlerts`, in batches until
 * none is left) and works through queued calendar recomputes (`runSlaRecompute`, batch after
 * batch until none is left). Processes share the work through row leases (SKIP LOCKED), and the
 * SlaAlert key keeps each alert once. A database hiccup waits for the next pass; any other error
 * is logged with `log` and retried at the next pass.
 */
export class SlaScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private readonly log: (line: string) => void;

  constructor(options: { log?: (line: string) => void } = {}) {
    this.log = options.log ?? ((line) => console.error(line));
  }

  start(): void {
    this.timer ??= setInterval(() => void this.wake(), POLL_MS).unref();
  }

  /** Runs one pass now (one at a time per process). */
  wake(): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        while ((await sendSlaAlerts({ now: new Date(), limit: ALERT_BATCH })).tickets === ALERT_BATCH);
        while (await runSlaRecompute({ now: new Date() }));
      } catch (error) {
        if (!isDatabaseUnavailable(error)) this.log(`SLA scheduler: ${(error as Error).message}`);
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
