import { isDatabaseUnavailable, listenToChannel } from "@helpline/db";
import { announceOfflineDevices } from "../devices/announce-offline-devices.ts";
import { deliverDueWebhooks } from "./deliver-due-webhooks.ts";
import { pruneWebhookLog } from "./prune-webhook-log.ts";
import { WEBHOOK_CHANNEL } from "./webhook-channel.ts";

// Retries are minutes apart at least, so the timer is only the safety net: a new event wakes the
// sender through WEBHOOK_CHANNEL at once.
const POLL_MS = 5_000;
const PRUNE_EVERY_MS = 60 * 60_000;
// A device counts as offline 75 s after its last check-in; looking every 15 s announces it
// within 90 s of that check-in.
const ANNOUNCE_OFFLINE_EVERY_MS = 15_000;

/**
 * The webhook sender of a serving process (every one runs it, like MailDelivery): woken by a NOTIFY
 * on WEBHOOK_CHANNEL (an event was written, a delivery resent) and every 5 s, it sends what is due
 * (deliverDueWebhooks, batch after batch until none is left); every 15 s it first writes the
 * `device.offline` events of devices that went quiet (announceOfflineDevices: time makes that
 * event, not a request); once an hour it prunes the 30-day log.
 * Processes share the work through row leases (SKIP LOCKED). A database hiccup waits for the next
 * pass; any other error is logged with `log`.
 */
export class WebhookSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private pending = false;
  private unlisten: (() => Promise<void>) | null = null;
  private lastPruneAt = 0;
  private lastAnnounceAt = 0;
  private readonly log: (line: string) => void;
  private readonly scope: { allowPrivate?: boolean; endpointIds?: string[] };

  /**
   * For tests: `allowPrivate` overrides HELPLINE_WEBHOOKS_ALLOW_PRIVATE (their receivers are on
   * 127.0.0.1) and `endpointIds` keeps the sender to their endpoints (other test files share the
   * database).
   */
  constructor(options: { log?: (line: string) => void; allowPrivate?: boolean; endpointIds?: string[] } = {}) {
    this.log = options.log ?? ((line) => console.error(line));
    this.scope = { allowPrivate: options.allowPrivate, endpointIds: options.endpointIds };
  }

  async start(): Promise<void> {
    if (this.timer) return;
    this.timer = setInterval(() => void this.wake(), POLL_MS).unref();
    this.unlisten = await listenToChannel(WEBHOOK_CHANNEL, {
      onPayload: () => void this.wake(),
      onReconnect: () => void this.wake(),
    });
    void this.wake();
  }

  /**
   * Runs one pass now, one at a time per process; wakes that come while a pass runs fold into one
   * more pass after it (a burst of 1,000 events is not 1,000 passes).
   */
  wake(): Promise<void> {
    if (this.pending) return this.running;
    this.pending = true;
    this.running = this.running.then(async () => {
      this.pending = false;
      try {
        if (Date.now() - this.lastAnnounceAt >= ANNOUNCE_OFFLINE_EVERY_MS) {
          this.lastAnnounceAt = Date.now();
          while ((await announceOfflineDevices()) > 0);
        }
        while ((await deliverDueWebhooks(this.scope)).claimed > 0);
        if (Date.now() - this.lastPruneAt >= PRUNE_EVERY_MS) {
          this.lastPruneAt = Date.now();
          await pruneWebhookLog();
        }
      } catch (error) {
        if (!isDatabaseUnavailable(error)) this.log(`Webhooks: ${(error as Error).message}`);
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.unlisten?.();
    this.unlisten = null;
    await this.running;
  }
}
