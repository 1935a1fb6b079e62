import { getPrisma } from "@helpline/db";
import { unique } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "../testing/inbound-mail-fixtures.ts";
import { WebhookReceiver } from "../testing/webhook-receiver.ts";
import { enqueueWebhookEvent } from "./enqueue-webhook-event.ts";
import { WebhookSender } from "./webhook-sender.ts";

const hook = new WebhookReceiver();
let url = "";
beforeAll(async () => {
  url = await hook.start();
});
afterAll(() => hook.stop());

describe("the webhook sender of a serving process", () => {
  it("is woken by the commit of an event, sends it well before its 5 s timer, and stops cleanly", async () => {
    const endpoint = await getPrisma().webhookEndpoint.create({
      data: { url, events: ["device.enrolled"], secret: unique("secret") },
    });
    const lines: string[] = [];
    const sender = new WebhookSender({
      allowPrivate: true,
      endpointIds: [endpoint.id],
      log: (line) => lines.push(line),
    });
    await sender.start();
    // Let the pass made at start finish, so only the NOTIFY can bring the next one this soon.
    await sender.wake();
    try {
      const started = Date.now();
      const { eventId } = await getPrisma().$transaction((tx) =>
        enqueueWebhookEvent(tx, { type: "device.enrolled", data: { device: { id: "d1" } } }),
      );
      await until("the event at the receiver", async () => hook.received(eventId!).length === 1, 4_000);
      expect(Date.now() - started).toBeLessThan(4_000);
      await until(
        "the delivery marked delivered",
        async () =>
          (await getPrisma().webhookDelivery.findFirst({ where: { eventId: eventId!, status: "delivered" } })) !== null,
        4_000,
      );
    } finally {
      await sender.stop();
      await getPrisma().webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false } });
    }
    expect(lines).toEqual([]);
  });
});
