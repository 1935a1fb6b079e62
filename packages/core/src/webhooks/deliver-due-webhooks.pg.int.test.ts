import { getPrisma } from "@helpline/db";
import { unique } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookReceiver } from "../testing/webhook-receiver.ts";
import { deliverDueWebhooks } from "./deliver-due-webhooks.ts";
import { enqueueWebhookEvent } from "./enqueue-webhook-event.ts";

const hook = new WebhookReceiver();
let url = "";
beforeAll(async () => {
  url = await hook.start();
});
afterAll(() => hook.stop());

describe("webhook delivery under concurrency (PostgreSQL)", () => {
  it("two senders at once deliver every delivery exactly once", async () => {
    const endpoints = await Promise.all(
      [0, 1].map(() =>
        getPrisma().webhookEndpoint.create({
          data: { url, events: ["ticket.note_added"], secret: unique("secret") },
        }),
      ),
    );
    const endpointIds = endpoints.map((endpoint) => endpoint.id);
    const events: string[] = [];
    for (let count = 0; count < 40; count++) {
      const { eventId } = await getPrisma().$transaction((tx) =>
        enqueueWebhookEvent(tx, { type: "ticket.note_added", data: { count } }),
      );
      events.push(eventId!);
    }
    // Three passes at once, each on its own connection: at most 50 each, so at least two claim.
    const run = () => deliverDueWebhooks({ endpointIds, allowPrivate: true, limit: 50, concurrency: 4 });
    const passes = await Promise.all([run(), run(), run()]);
    expect(passes.reduce((sum, pass) => sum + pass.delivered, 0)).toBe(80);
    expect(passes.filter((pass) => pass.claimed > 0).length).toBeGreaterThanOrEqual(2);
    for (const eventId of events) {
      const received = hook.received(eventId);
      expect(received).toHaveLength(2);
      expect(new Set(received.map((request) => request.headers["helpline-signature"])).size).toBe(2);
    }
    expect(
      await getPrisma().webhookDelivery.count({ where: { endpointId: { in: endpointIds }, status: "delivered" } }),
    ).toBe(80);
    expect(await getPrisma().webhookAttempt.count({ where: { delivery: { endpointId: { in: endpointIds } } } })).toBe(
      80,
    );
    await getPrisma().webhookEndpoint.updateMany({ where: { id: { in: endpointIds } }, data: { enabled: false } });
  });
});
