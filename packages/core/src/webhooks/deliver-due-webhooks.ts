import { getPrisma, type Prisma } from "@helpline/db";
import { config } from "../config/config.ts";
import { publicUrl } from "../links/public-url.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { escapeHtml } from "../mail/escape-html.ts";
import { sendWebhook, WEBHOOK_TIMEOUT_MS, type WebhookSendResult } from "./send-webhook.ts";
import { signWebhook } from "./sign-webhook.ts";

const BATCH = 50;
const CONCURRENCY = 8;
// A claimed delivery is left alone by every other process this long: longer than a batch takes
// (BATCH / CONCURRENCY rounds of at most one timeout each, 70 s at 10 s), short enough that a
// process dying mid-batch delays those deliveries by minutes.
const LEASE_MS = 5 * 60_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Retries (issue 15): 1 min doubling, capped at 6 h, ±20 % jitter, until ≥ 10 tries spanning ≥ 24 h. */
export const WEBHOOK_RETRY = { baseMs: MINUTE, capMs: 6 * HOUR, jitter: 0.2, minTries: 10, minSpanMs: 24 * HOUR };
/** An endpoint failing (no success since its first failure) this long is disabled and its owner mailed. */
export const WEBHOOK_DISABLE_AFTER_MS = 3 * 24 * HOUR;

/** A claimed delivery with everything its try needs: its event, and its endpoint's address, secret and health. */
type Claimed = {
  id: string;
  attempts: number;
  createdAt: Date;
  lastError: string | null;
  eventId: string;
  type: string;
  data: unknown;
  eventCreatedAt: Date;
  endpointId: string;
  url: string;
  secret: string;
  failingSince: Date | null;
};

/**
 * The delay before try `tries + 1` after `tries` failed ones: 1 min, 2, 4 … capped at 6 h, times a
 * random factor in [0.8, 1.2] so that endpoints failing together do not retry in lockstep.
 * `random` is Math.random unless a test fixes it.
 */
export function webhookRetryDelayMs(tries: number, random: () => number = Math.random): number {
  const base = Math.min(WEBHOOK_RETRY.capMs, WEBHOOK_RETRY.baseMs * 2 ** Math.max(0, tries - 1));
  return Math.round(base * (1 - WEBHOOK_RETRY.jitter + 2 * WEBHOOK_RETRY.jitter * random()));
}

/**
 * The due pending deliveries of enabled endpoints, at most `limit`, claimed in one statement: their
 * next attempt moves past the lease under `FOR UPDATE SKIP LOCKED`, so two processes (or two passes)
 * never send one delivery at once. A claimed delivery whose process dies is due again after the lease.
 * The same statement reads each one's event and endpoint, so a try costs no further read.
 */
async function claimDue(now: Date, limit: number, endpointIds: string[] | null): Promise<Claimed[]> {
  const leasedUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  return getPrisma().$queryRaw<Claimed[]>`
    WITH claimed AS (
      UPDATE "WebhookDelivery" SET "nextAttemptAt" = ${leasedUntil}::timestamp(3)
      WHERE id IN (
        SELECT d.id FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e.id = d."endpointId"
        WHERE d.status = 'pending' AND d."nextAttemptAt" <= ${now.toISOString()}::timestamp(3) AND e.enabled
          AND (${endpointIds}::uuid[] IS NULL OR d."endpointId" = ANY(${endpointIds}::uuid[]))
        ORDER BY d."nextAttemptAt" LIMIT ${limit} FOR UPDATE OF d SKIP LOCKED)
      RETURNING id, attempts, "createdAt", "lastError", "eventId", "endpointId"
    )
    SELECT c.id, c.attempts, c."createdAt", c."lastError", c."eventId", ev.type, ev.data,
      ev."createdAt" AS "eventCreatedAt", c."endpointId", e.url, e.secret, e."failingSince"
    FROM claimed c JOIN "WebhookEvent" ev ON ev.id = c."eventId" JOIN "WebhookEndpoint" e ON e.id = c."endpointId"`;
}

/**
 * What a try is in the delivery log: the first, a retry after a failure, or a Resend (a delivery made
 * pending again by resendWebhookDelivery after it ended; every failed try writes `lastError`, so a
 * tried delivery without one was delivered, or its error was cleared by a Resend).
 */
function triggerOf(delivery: Claimed): "first" | "retry" | "resend" {
  if (delivery.attempts === 0) return "first";
  return delivery.lastError === null ? "resend" : "retry";
}

async function sendOne(
  delivery: Claimed,
  options: { clock: () => Date; timeoutMs: number; allowPrivate: boolean; random: () => number },
): Promise<boolean> {
  const body = JSON.stringify({
    id: delivery.eventId,
    type: delivery.type,
    createdAt: delivery.eventCreatedAt.toISOString(),
    data: delivery.data,
  });
  const signature = signWebhook(delivery.secret, Math.floor(Date.now() / 1000), body);
  const result = await sendWebhook({
    url: delivery.url,
    body,
    eventId: delivery.eventId,
    signature,
    allowPrivate: options.allowPrivate,
    timeoutMs: options.timeoutMs,
  });
  await recordAttempt(delivery, result, options);
  return result.error === null;
}

/**
 * Writes one try: its WebhookAttempt, the delivery's last* fields and next state, and the endpoint's
 * health, in one transaction. A 2xx delivers and clears the endpoint's `failingSince`. Otherwise the
 * delivery is retried after webhookRetryDelayMs, or `failed` once it has had ≥ 10 tries spanning
 * ≥ 24 h; the endpoint's `failingSince` is set on its first failure after a success, and an endpoint
 * failing for 3 days is disabled and its owner mailed (once: the UPDATE is guarded by `enabled`).
 */
async function recordAttempt(
  delivery: Claimed,
  result: WebhookSendResult,
  options: { clock: () => Date; random: () => number },
): Promise<void> {
  const now = options.clock();
  const { endpointId } = delivery;
  const ok = result.error === null;
  const tries = delivery.attempts + 1;
  const final =
    !ok && tries >= WEBHOOK_RETRY.minTries && now.getTime() - delivery.createdAt.getTime() >= WEBHOOK_RETRY.minSpanMs;
  const last = {
    lastStatus: result.status,
    lastDurationMs: result.durationMs,
    lastResponse: result.snippet,
    lastError: result.error,
    lastAttemptAt: now,
  };
  await getPrisma().$transaction(async (tx) => {
    const updated = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: "pending" },
      data: ok
        ? { ...last, attempts: tries, status: "delivered", deliveredAt: now }
        : final
          ? { ...last, attempts: tries, status: "failed" }
          : {
              ...last,
              attempts: tries,
              nextAttemptAt: new Date(now.getTime() + webhookRetryDelayMs(tries, options.random)),
            },
    });
    // Gone with its endpoint, deleted while this try ran: there is nothing left to record it on.
    if (updated.count === 0) return;
    await tx.webhookAttempt.create({
      data: {
        deliveryId: delivery.id,
        at: now,
        trigger: triggerOf(delivery),
        status: result.status,
        durationMs: result.durationMs,
        response: result.snippet,
        error: result.error,
      },
    });
    // The endpoint's health as read at the claim spares a write on the common path (healthy and
    // succeeding); the writes themselves are guarded, so a try finishing at the same time is safe.
    if (ok) {
      if (delivery.failingSince)
        await tx.webhookEndpoint.updateMany({
          where: { id: endpointId, failingSince: { not: null } },
          data: { failingSince: null },
        });
      return;
    }
    if (!delivery.failingSince)
      await tx.webhookEndpoint.updateMany({
        where: { id: endpointId, failingSince: null },
        data: { failingSince: now },
      });
    else if (now.getTime() - delivery.failingSince.getTime() >= WEBHOOK_DISABLE_AFTER_MS)
      await disableIfFailingTooLong(tx, endpointId, now);
  });
}

async function disableIfFailingTooLong(tx: Prisma.TransactionClient, endpointId: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - WEBHOOK_DISABLE_AFTER_MS);
  const reason = "Every delivery failed for 3 days";
  const disabled = await tx.webhookEndpoint.updateMany({
    where: { id: endpointId, enabled: true, failingSince: { lte: since } },
    data: { enabled: false, disabledAt: now, disabledReason: reason },
  });
  if (disabled.count === 0) return;
  const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({
    where: { id: endpointId },
    select: { url: true, owner: { select: { name: true, email: true, disabled: true } } },
  });
  const owner = endpoint.owner;
  if (!owner || owner.disabled) return;
  const link = `${publicUrl({ protocol: "http", host: null })}/settings/webhooks`;
  const text =
    `Helpline disabled the webhook endpoint ${endpoint.url}: every delivery to it failed for 3 days.\n\n` +
    `Its events are kept in the delivery log for 30 days. Fix the receiver, switch the endpoint on again ` +
    `and resend what it missed: ${link}\n`;
  const html =
    `<p>Helpline disabled the webhook endpoint <strong>${escapeHtml(endpoint.url)}</strong>: every delivery to it failed for 3 days.</p>` +
    `<p>Its events are kept in the delivery log for 30 days. Fix the receiver, switch the endpoint on again ` +
    `and resend what it missed: <a href="${escapeHtml(link)}">Settings ▸ Webhooks</a></p>`;
  await enqueueMail(tx, {
    kind: "webhook-disabled",
    to: { name: owner.name, address: owner.email },
    subject: `Webhook endpoint disabled: ${endpoint.url}`,
    text,
    html,
  });
}

/**
 * Sends the webhook deliveries that are due, up to `limit` (50), `concurrency` (8) at a time, each
 * claimed before it is sent so that several processes never send one twice; each try is written
 * (recordAttempt) with its retry or final state. `now` is the clock of the schedule (tests move
 * it); `timeoutMs` bounds one request (10 s); `allowPrivate` defaults to
 * HELPLINE_WEBHOOKS_ALLOW_PRIVATE; `endpointIds` limits the pass to those endpoints (tests);
 * `random` drives the jitter. Returns how many were claimed, delivered and failed (this try); a
 * database error while recording a try is thrown once every claimed delivery was tried.
 */
export async function deliverDueWebhooks(
  options: {
    now?: Date;
    limit?: number;
    concurrency?: number;
    timeoutMs?: number;
    allowPrivate?: boolean;
    endpointIds?: string[];
    random?: () => number;
  } = {},
): Promise<{ claimed: number; delivered: number; failed: number }> {
  const now = options.now ?? new Date();
  const claimed = await claimDue(now, options.limit ?? BATCH, options.endpointIds ?? null);
  const settings = {
    // The try's time: the pass's `now` in tests, else the moment the answer came.
    clock: () => options.now ?? new Date(),
    timeoutMs: options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
    allowPrivate: options.allowPrivate ?? config().webhooksAllowPrivate,
    random: options.random ?? Math.random,
  };
  let delivered = 0;
  let next = 0;
  // One delivery that cannot be recorded (the database went away) must not strand the rest of
  // the batch under its lease: every worker goes on, and the first such error is thrown after.
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < claimed.length) {
      const delivery = claimed[next++]!;
      try {
        if (await sendOne(delivery, settings)) delivered++;
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? CONCURRENCY, claimed.length) }, worker));
  if (errors.length > 0) throw errors[0];
  return { claimed: claimed.length, delivered, failed: claimed.length - delivered };
}
