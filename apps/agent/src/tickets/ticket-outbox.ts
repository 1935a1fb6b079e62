import type { Locale } from "@helpline/i18n";
import type { TFirstReplyDue } from "@helpline/protocol";
import { ProtocolError, type AgentClient } from "../agent-client.ts";
import { backoffDelay } from "../backoff.ts";
import type { QueueEntry, QueuedTicketMeta, QueuedTicketRequest, TicketQueue } from "./ticket-queue.ts";

export type DeliveryOutcome =
  /**
   * `firstReplyBy`: the server's sentence saying when the first reply is due, when it sent one;
   * `firstReplyDue` the same promise as the server sent it (its time and zone, for other languages).
   */
  | {
      kind: "created";
      number: number;
      portalUrl: string;
      firstReplyBy: string | null;
      firstReplyDue?: TFirstReplyDue | null;
    }
  /** Kept in the queue: the server is unreachable, failing, or asks to wait. */
  | { kind: "waiting"; reason: string }
  /** Moved aside as failed: the server refused this ticket and would refuse it again. */
  | { kind: "refused"; status: number; code: string; message: string }
  /** Another process delivered it first. */
  | { kind: "gone" };

// Worth another try later: server down or busy, token replaced by a re-enrollment, or a server
// older than the tickets endpoint. Any other 4xx is about the ticket itself.
const TRANSIENT_STATUSES = new Set([401, 404, 408, 429]);

function classify(error: unknown): Exclude<DeliveryOutcome, { kind: "created" | "gone" }> {
  if (error instanceof ProtocolError && !TRANSIENT_STATUSES.has(error.status))
    return { kind: "refused", status: error.status, code: error.code, message: error.message };
  return { kind: "waiting", reason: error instanceof Error ? error.message : String(error) };
}

/**
 * Sends queued tickets, exactly once as far as the server is concerned: every attempt of a ticket
 * carries the idempotency key it was saved with, so a retry after a lost answer, or the `ticket`
 * command and `run` sending the same file at once, get back the one ticket. Within this process a
 * ticket is never in flight twice. With `start()` (the `run` command) it also retries with backoff
 * until the queue is empty.
 */
export class TicketOutbox {
  private readonly inFlight = new Map<string, Promise<DeliveryOutcome>>();
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private flushAgain = false;
  private running = false;

  constructor(
    private readonly queue: TicketQueue,
    private readonly client: AgentClient,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /**
   * Saves the ticket durably, then tries to send it at once. `locale`: the language of the page the
   * person submitted it from, which the server's refusal (shown on that page and kept for My
   * tickets) is written in; absent (the CLI, background retries): the server's English.
   */
  async submit(request: QueuedTicketRequest, locale?: Locale): Promise<DeliveryOutcome> {
    const entry = this.queue.add(request);
    const outcome = await this.deliver(entry, request, locale);
    if (outcome.kind === "waiting") this.scheduleRetry();
    return outcome;
  }

  /** Sends everything waiting, oldest first; stops at the first sign the server is not there. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    // A disk error here must not take the agent down: the files stay, the next flush retries.
    this.flushing = this.flushAll()
      .catch((error: Error) => this.log(`Ticket queue: ${error.message}`))
      .finally(() => (this.flushing = null));
    return this.flushing;
  }

  /** Keep retrying in the background (the `run` command): now, after backoff, and on `nudge()`. */
  start(): Promise<void> {
    this.running = true;
    return this.flush();
  }

  /** The server just answered a check-in: a good moment to send what waits. */
  nudge(): void {
    if (!this.running) return;
    this.clearRetry();
    void this.flush();
  }

  stop(): void {
    this.running = false;
    this.clearRetry();
  }

  /** What My tickets shows beside the server's list, for one profile. */
  unsent(profile: string): { waiting: QueuedTicketMeta[]; failed: QueuedTicketMeta[] } {
    const mine = (entries: QueueEntry[]) =>
      entries.map((entry) => entry.meta).filter((meta) => meta.profile === profile);
    return { waiting: mine(this.queue.pending()), failed: mine(this.queue.failed()) };
  }

  dismiss(idempotencyKey: string): void {
    this.queue.dismiss(idempotencyKey);
  }

  private async flushAll(): Promise<void> {
    do {
      this.flushAgain = false;
      for (const entry of this.queue.pending()) {
        const outcome = await this.deliver(entry);
        if (outcome.kind === "waiting") {
          this.log(`Tickets waiting to send (${outcome.reason}).`);
          this.scheduleRetry();
          return;
        }
      }
    } while (this.flushAgain);
  }

  private deliver(entry: QueueEntry, request?: QueuedTicketRequest, locale?: Locale): Promise<DeliveryOutcome> {
    const key = entry.meta.idempotencyKey;
    const running = this.inFlight.get(key);
    if (running) return running;
    const attempt = this.attempt(entry, request, locale).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, attempt);
    return attempt;
  }

  private async attempt(entry: QueueEntry, given?: QueuedTicketRequest, locale?: Locale): Promise<DeliveryOutcome> {
    // Read only now: between listing and sending, another process may have delivered it.
    const request = given ?? this.queue.read(entry);
    if (!request) return { kind: "gone" };
    let outcome: DeliveryOutcome;
    try {
      const created = await this.client.createTicket(request, locale);
      outcome = {
        kind: "created",
        number: created.number,
        portalUrl: created.portalUrl,
        firstReplyBy: created.firstReplyDue?.text ?? null,
        firstReplyDue: created.firstReplyDue ?? null,
      };
    } catch (error) {
      outcome = classify(error);
    }
    if (outcome.kind === "created") {
      this.queue.remove(entry);
      this.failures = 0;
      if (!given) this.log(`Ticket #${outcome.number} sent: "${entry.meta.title}".`);
    } else if (outcome.kind === "refused") {
      this.queue.fail(entry, {
        status: outcome.status,
        code: outcome.code,
        message: outcome.message,
        at: new Date().toISOString(),
      });
      this.log(`Ticket "${entry.meta.title}" refused by the server: ${outcome.message}`);
    }
    return outcome;
  }

  private scheduleRetry(): void {
    if (!this.running || this.retryTimer) return;
    this.failures++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, backoffDelay(this.failures));
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
