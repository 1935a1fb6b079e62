import { isDatabaseUnavailable } from "@helpline/db";
import { runSlaRecompute } from "./run-sla-recompute.ts";
import { sendSlaAlerts } from "./send-sla-alerts.ts";

const POLL_MS = 15_000;
// Tickets per alert transaction: small, because the embedded database runs one transaction at a
// time and a request waits at most 2 s for its turn. Measured on PGlite with a backlog: about
// 0.7–1.1 s per pass of 10 alerted tickets, 6–9 s per pass of 50.
const ALERT_BATCH = 10;

/**
 * The SLA scheduler of a serving process (every one runs it, like MailDelivery): every 15 s, or
 * when woken, sends the warning and breach alerts that are due (`sendSlaAlerts`, in batches until
 * none is left) and works through queued calendar recomputes (`runSlaRecompute`, batch after
 * batch until none is left). Processes share the work through row leases (SKIP LOCKED), and the
 * SlaAlert key keeps each alert once. A database hiccup waits for the next pass; any other error,
 * and a ticket whose SLA cannot be computed, is logged with `log` (the pass goes on; the error is
 * retried at the next pass).
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
        for (;;) {
          const pass = await sendSlaAlerts({ now: new Date(), limit: ALERT_BATCH });
          for (const { ticketId, reason } of pass.skipped)
            this.log(`SLA alerts: ticket ${ticketId} skipped, its SLA cannot be computed: ${reason}`);
          if (pass.tickets < ALERT_BATCH) break;
        }
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
