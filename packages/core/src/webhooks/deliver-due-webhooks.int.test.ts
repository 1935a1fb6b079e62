import { execFileSync } from "node:child_process";
import { getPrisma } from "@helpline/db";
import { createTechnicianRow, unique } from "@helpline/db/testing";
import { afterEach, describe, expect, it } from "vitest";
import { until } from "../testing/inbound-mail-fixtures.ts";
import { WebhookReceiver } from "../testing/webhook-receiver.ts";
import { deliverDueWebhooks, WEBHOOK_DISABLE_AFTER_MS } from "./deliver-due-webhooks.ts";
import { enqueueWebhookEvent } from "./enqueue-webhook-event.ts";
import { pruneWebhookLog } from "./prune-webhook-log.ts";
import { sendWebhook } from "./send-webhook.ts";

const receivers: WebhookReceiver[] = [];
const endpointIds: string[] = [];
// Each test's endpoints are switched off after it, so the next test's events reach only its own.
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
  await getPrisma().webhookEndpoint.updateMany({
    where: { id: { in: endpointIds.splice(0) } },
    data: { enabled: false },
  });
});
async function receiver(): Promise<{ receiver: WebhookReceiver; url: string }> {
  const started = new WebhookReceiver();
  receivers.push(started);
  return { receiver: started, url: await started.start() };
}

async function endpoint(url: string, options: { ownerId?: string; events?: string[] } = {}) {
  const created = await getPrisma().webhookEndpoint.create({
    data: {
      url,
      events: options.events ?? ["contact.confirmed"],
      secret: `whsec_${unique("s")}`,
      ownerId: options.ownerId,
    },
  });
  endpointIds.push(created.id);
  return created;
}
const enqueue = (data: object = { ticket: { number: 1 } }) =>
  getPrisma().$transaction((tx) => enqueueWebhookEvent(tx, { type: "contact.confirmed", data }));
// Receivers here listen on 127.0.0.1: the sender is told private addresses are allowed, as
// HELPLINE_WEBHOOKS_ALLOW_PRIVATE=1 would. The jitter is fixed at its middle (no jitter).
const pass = (endpointIds: string[], now: Date, extra: { timeoutMs?: number } = {}) =>
  deliverDueWebhooks({ endpointIds, now, allowPrivate: true, random: () => 0.5, ...extra });
const minutes = (from: Date, count: number) => new Date(from.getTime() + count * 60_000);

/** Checks a signature the way a receiver would, in Python: an implementation that shares no code with ours. */
function verifiesInPython(secret: string, header: string, body: string): boolean {
  const script = [
    "import hmac, hashlib, sys",
    "secret, header = sys.argv[1], sys.argv[2]",
    "body = sys.stdin.buffer.read()",
    "parts = dict(p.split('=', 1) for p in header.split(','))",
    "expected = hmac.new(secret.encode(), parts['t'].encode() + b'.' + body, hashlib.sha256).hexdigest()",
    "print('valid' if hmac.compare_digest(expected, parts['v1']) else 'invalid')",
  ].join("\n");
  return execFileSync("python3", ["-c", script, secret, header], { input: body }).toString().trim() === "valid";
}

describe("webhook delivery", () => {
  it("POSTs the event with the headers and a signature an independent implementation accepts", async () => {
    const { receiver: hook, url } = await receiver();
    const target = await endpoint(url);
    const { eventId } = await enqueue({ ticket: { number: 42 } });
    expect(await getPrisma().webhookDelivery.count({ where: { eventId: eventId!, endpointId: target.id } })).toBe(1);
    expect(await pass([target.id], new Date())).toMatchObject({ claimed: 1, delivered: 1 });

    const [received] = hook.received(eventId!);
    expect(hook.requests).toHaveLength(1);
    expect(received!.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "Helpline-Webhooks/1",
      "helpline-event-id": eventId,
    });
    const body = JSON.parse(received!.body);
    expect(body).toMatchObject({ id: eventId, type: "contact.confirmed", data: { ticket: { number: 42 } } });
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
    const signature = String(received!.headers["helpline-signature"]);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(Math.abs(Number(/^t=(\d+)/.exec(signature)![1]) - Date.now() / 1000)).toBeLessThan(60);
    expect(verifiesInPython(target.secret, signature, received!.body)).toBe(true);
    expect(verifiesInPython(`${target.secret}x`, signature, received!.body)).toBe(false);
    expect(verifiesInPython(target.secret, signature, received!.body.replace("42", "43"))).toBe(false);

    const delivery = await getPrisma().webhookDelivery.findFirstOrThrow({
      where: { eventId: eventId!, endpointId: target.id },
      include: { attemptLog: true },
    });
    expect(delivery).toMatchObject({ status: "delivered", attempts: 1, lastStatus: 204, lastError: null });
    expect(delivery.attemptLog).toMatchObject([{ trigger: "first", status: 204, error: null }]);
  });

  it("writes nothing when no enabled endpoint subscribes, and only the chosen endpoint for a test event", async () => {
    const { url } = await receiver();
    const other = await endpoint(url, { events: ["ticket.replied"] });
    const off = await endpoint(url);
    await getPrisma().webhookEndpoint.update({ where: { id: off.id }, data: { enabled: false } });
    const before = await getPrisma().webhookDelivery.count({ where: { endpointId: { in: [other.id, off.id] } } });
    await enqueue();
    expect(await getPrisma().webhookDelivery.count({ where: { endpointId: { in: [other.id, off.id] } } })).toBe(before);

    const test = await getPrisma().$transaction((tx) =>
      enqueueWebhookEvent(tx, { type: "webhook.test", data: { message: "hello" }, endpointId: other.id }),
    );
    expect(test.deliveries).toBe(1);
    expect(await getPrisma().webhookDelivery.findMany({ where: { eventId: test.eventId! } })).toMatchObject([
      { endpointId: other.id, status: "pending" },
    ]);
  });

  it("keeps events while the receiver is down and delivers each exactly once when it is back", async () => {
    const { receiver: hook, url } = await receiver();
    const target = await endpoint(url);
    hook.down = true;
    const events = [];
    for (let count = 0; count < 5; count++) events.push((await enqueue()).eventId!);

    const start = new Date();
    expect(await pass([target.id], start)).toMatchObject({ claimed: 5, delivered: 0, failed: 5 });
    const failing = await getPrisma().webhookEndpoint.findUniqueOrThrow({ where: { id: target.id } });
    expect(failing.failingSince).toEqual(start);
    // Not due again before the first retry (1 min).
    expect((await pass([target.id], minutes(start, 0.5))).claimed).toBe(0);

    hook.down = false;
    expect(await pass([target.id], minutes(start, 1.1))).toMatchObject({ claimed: 5, delivered: 5 });
    expect((await pass([target.id], minutes(start, 24 * 60))).claimed).toBe(0);
    for (const eventId of events) expect(hook.received(eventId)).toHaveLength(1);
    expect(hook.requests).toHaveLength(5);
    const healthy = await getPrisma().webhookEndpoint.findUniqueOrThrow({ where: { id: target.id } });
    expect(healthy.failingSince).toBeNull();
    const log = await getPrisma().webhookAttempt.findMany({
      where: { delivery: { eventId: events[0], endpointId: target.id } },
      orderBy: { at: "asc" },
    });
    expect(log.map((attempt) => attempt.trigger)).toEqual(["first", "retry"]);
    expect(log[0]).toMatchObject({ status: null });
    expect(log[0]!.error).toMatch(/ECONNRESET|socket hang up/i);
  });

  it("records a receiver that hangs as a timeout and retries it later", async () => {
    const { receiver: hook, url } = await receiver();
    const target = await endpoint(url);
    hook.answer = "hang";
    const { eventId } = await enqueue();
    const start = new Date();
    expect(await pass([target.id], start, { timeoutMs: 300 })).toMatchObject({ claimed: 1, failed: 1 });
    const timedOut = await getPrisma().webhookDelivery.findFirstOrThrow({
      where: { eventId: eventId!, endpointId: target.id },
    });
    expect(timedOut).toMatchObject({ status: "pending", attempts: 1, lastStatus: null });
    expect(timedOut.lastError).toMatch(/within 300 ms/);
    expect(timedOut.lastDurationMs).toBeGreaterThanOrEqual(290);
    expect(timedOut.nextAttemptAt).toEqual(minutes(start, 1));

    hook.answer = () => ({ status: 200, body: "ok" });
    expect(await pass([target.id], minutes(start, 1), { timeoutMs: 300 })).toMatchObject({ delivered: 1 });
    expect(hook.received(eventId!)).toHaveLength(2);
    expect(
      await getPrisma().webhookDelivery.findFirstOrThrow({ where: { eventId: eventId!, endpointId: target.id } }),
    ).toMatchObject({
      status: "delivered",
      lastResponse: "ok",
    });
  });

  it("does not follow a redirect: a 302 is a failure and its Location is never requested", async () => {
    const { receiver: hook, url } = await receiver();
    const target = await endpoint(url);
    hook.answer = (request) =>
      request.path === "/hook" ? { status: 302, headers: { location: "/elsewhere" } } : { status: 200 };
    const { eventId } = await enqueue();
    expect(await pass([target.id], new Date())).toMatchObject({ failed: 1 });
    expect(hook.requests.map((request) => request.path)).toEqual(["/hook"]);
    const delivery = await getPrisma().webhookDelivery.findFirstOrThrow({
      where: { eventId: eventId!, endpointId: target.id },
    });
    expect(delivery).toMatchObject({ status: "pending", lastStatus: 302 });
    expect(delivery.lastError).toMatch(/redirects are not followed/);
  });

  it("reads at most 64 KiB of an answer and keeps 1 KiB of it", async () => {
    const { receiver: hook, url } = await receiver();
    hook.answer = () => ({ status: 200, body: "x".repeat(5 * 1024 * 1024) });
    const result = await sendWebhook({ url, body: "{}", eventId: "e", signature: "s", allowPrivate: true });
    expect(result).toMatchObject({ status: 200, error: null });
    expect(result.snippet).toHaveLength(1024);
  });

  it("refuses loopback, link-local and metadata addresses before connecting unless private addresses are allowed", async () => {
    const { receiver: hook, url } = await receiver();
    const port = hook.port;
    const send = (target: string) =>
      sendWebhook({ url: target, body: "{}", eventId: "e", signature: "s", allowPrivate: false, timeoutMs: 2_000 });
    for (const target of [
      `https://127.0.0.1:${port}/hook`,
      `https://localhost:${port}/hook`,
      `https://169.254.169.254/latest/meta-data/`,
      `https://[::ffff:127.0.0.1]:${port}/hook`,
      `https://[::1]:${port}/hook`,
      url,
    ]) {
      const result = await send(target);
      expect(result.status, target).toBeNull();
      expect(result.error, target).toMatch(/may not reach|must be https/);
    }
    expect(hook.connections).toBe(0);
    expect(hook.requests).toHaveLength(0);

    // The delivery path refuses too, and logs why.
    const target = await endpoint(`https://localhost:${port}/hook`);
    const { eventId } = await enqueue();
    expect(await deliverDueWebhooks({ endpointIds: [target.id], allowPrivate: false })).toMatchObject({ failed: 1 });
    const delivery = await getPrisma().webhookDelivery.findFirstOrThrow({
      where: { eventId: eventId!, endpointId: target.id },
    });
    expect(delivery.lastError).toMatch(/localhost resolves to .* an address webhooks may not reach/);
    expect(hook.connections).toBe(0);
  });

  it("retries for at least 24 hours and 10 tries, then marks the delivery failed", async () => {
    const { receiver: hook, url } = await receiver();
    const target = await endpoint(url);
    hook.down = true;
    const { eventId } = await enqueue();
    let now = new Date();
    for (let tries = 0; tries < 30; tries++) {
      await pass([target.id], now);
      const delivery = await getPrisma().webhookDelivery.findFirstOrThrow({
        where: { eventId: eventId!, endpointId: target.id },
      });
      if (delivery.status !== "pending") break;
      now = delivery.nextAttemptAt;
    }
    const delivery = await getPrisma().webhookDelivery.findFirstOrThrow({
      where: { eventId: eventId!, endpointId: target.id },
      include: { attemptLog: { orderBy: { at: "asc" } } },
    });
    expect(delivery.status).toBe("failed");
    expect(delivery.attempts).toBeGreaterThanOrEqual(10);
    const span = delivery.attemptLog.at(-1)!.at.getTime() - delivery.createdAt.getTime();
    expect(span).toBeGreaterThanOrEqual(24 * 60 * 60_000);
    // The gaps double from 1 minute and never pass 6 hours.
    const gaps = delivery.attemptLog
      .slice(1)
      .map((attempt, index) => attempt.at.getTime() - delivery.attemptLog[index]!.at.getTime());
    expect(gaps.slice(0, 3)).toEqual([60_000, 120_000, 240_000]);
    expect(Math.max(...gaps)).toBe(6 * 60 * 60_000);
    // A day of failures is not yet three: the endpoint stays on.
    expect(await getPrisma().webhookEndpoint.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      enabled: true,
    });
  });

  it("disables an endpoint failing for 3 days and mails its owner once", async () => {
    const owner = await createTechnicianRow({ role: "admin" });
    const { receiver: hook, url } = await receiver();
    const target = await endpoint(url, { ownerId: owner.id });
    hook.down = true;
    const now = new Date();
    await getPrisma().webhookEndpoint.update({
      where: { id: target.id },
      data: { failingSince: new Date(now.getTime() - WEBHOOK_DISABLE_AFTER_MS + 60_000) },
    });
    await enqueue();
    await enqueue();
    await pass([target.id], now);
    expect(await getPrisma().webhookEndpoint.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      enabled: true,
    });
    await pass([target.id], minutes(now, 2));
    expect(await getPrisma().webhookEndpoint.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      enabled: false,
      disabledAt: minutes(now, 2),
      disabledReason: "Every delivery failed for 3 days",
    });
    const mail = await getPrisma().outboxMessage.findMany({ where: { to: owner.email, kind: "webhook-disabled" } });
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`Webhook endpoint disabled: ${url}`);
    expect(mail[0]!.text).toContain("/settings/webhooks");
    // A disabled endpoint's deliveries wait: nothing is sent to it.
    expect((await pass([target.id], minutes(now, 60))).claimed).toBe(0);
  });

  it("prunes events older than 30 days with their deliveries and attempts", async () => {
    const { url } = await receiver();
    const target = await endpoint(url);
    const old = await enqueue();
    const fresh = await enqueue();
    await pass([target.id], new Date());
    const now = new Date(Date.now() + 30 * 24 * 60 * 60_000 + 60_000);
    await getPrisma().webhookEvent.update({
      where: { id: fresh.eventId! },
      data: { createdAt: new Date(now.getTime() - 60_000) },
    });
    const { events } = await pruneWebhookLog({ now });
    expect(events).toBeGreaterThanOrEqual(1);
    expect(await getPrisma().webhookEvent.findUnique({ where: { id: old.eventId! } })).toBeNull();
    expect(await getPrisma().webhookDelivery.count({ where: { eventId: old.eventId! } })).toBe(0);
    expect(await getPrisma().webhookEvent.findUnique({ where: { id: fresh.eventId! } })).not.toBeNull();
  });

  it("logs a try after a Resend as `resend`: the same event and id again, signed anew", async () => {
    const { receiver: hook, url } = await receiver();
    const target = await endpoint(url);
    hook.answer = () => ({ status: 500 });
    const { eventId } = await enqueue();
    const start = new Date();
    await pass([target.id], start);
    hook.answer = () => ({ status: 204 });
    await pass([target.id], minutes(start, 1));
    // What resendWebhookDelivery writes: pending and due now, its error cleared.
    await getPrisma().webhookDelivery.updateMany({
      where: { eventId: eventId!, endpointId: target.id },
      data: { status: "pending", nextAttemptAt: minutes(start, 2), deliveredAt: null, lastError: null },
    });
    await pass([target.id], minutes(start, 2));
    const log = await getPrisma().webhookAttempt.findMany({
      where: { delivery: { eventId: eventId!, endpointId: target.id } },
      orderBy: { at: "asc" },
    });
    expect(log.map((attempt) => [attempt.trigger, attempt.status])).toEqual([
      ["first", 500],
      ["retry", 204],
      ["resend", 204],
    ]);
    const received = hook.received(eventId!);
    expect(received.map((request) => request.body)).toEqual([received[0]!.body, received[0]!.body, received[0]!.body]);
  });

  it("an endpoint deleted while a try is in flight ends the pass quietly, and the rest of the batch is sent", async () => {
    const { receiver: slow, url: slowUrl } = await receiver();
    const { receiver: hook, url } = await receiver();
    slow.answer = "hang";
    const doomed = await endpoint(slowUrl);
    const kept = await endpoint(url);
    const { eventId } = await enqueue();
    const running = pass([doomed.id, kept.id], new Date(), { timeoutMs: 1_000 });
    await until("the slow receiver has the request", async () => slow.requests.length === 1, 5_000);
    await getPrisma().webhookEndpoint.delete({ where: { id: doomed.id } });
    expect(await running).toMatchObject({ claimed: 2, delivered: 1, failed: 1 });
    expect(hook.received(eventId!)).toHaveLength(1);
    expect(await getPrisma().webhookDelivery.count({ where: { endpointId: doomed.id } })).toBe(0);
  });

  it("keeps an answer with NUL bytes as text without them and marks the delivery delivered", async () => {
    const { receiver: hook, url } = await receiver();
    hook.answer = () => ({ status: 200, body: "ok\u0000zero" });
    const target = await endpoint(url);
    const { eventId } = await enqueue();
    await pass([target.id], new Date());
    const delivery = await getPrisma().webhookDelivery.findFirstOrThrow({
      where: { eventId: eventId!, endpointId: target.id },
      select: { status: true, attemptLog: { select: { response: true } } },
    });
    expect(delivery).toEqual({ status: "delivered", attemptLog: [{ response: "okzero" }] });
  });
});
