import { getPrisma, type WebhookDeliveryStatus } from "@helpline/db";
import { createTechnicianRow } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { createWebhookEndpoint } from "./create-webhook-endpoint.ts";
import { listWebhookDeliveries } from "./list-webhook-deliveries.ts";
import { resendWebhookDelivery } from "./resend-webhook-delivery.ts";
import { sendTestWebhookEvent } from "./send-test-webhook-event.ts";
import { updateWebhookEndpoint } from "./update-webhook-endpoint.ts";
import { ZListWebhookDeliveriesInput } from "./webhook-endpoint-input.ts";

const prisma = () => getPrisma();

async function admin() {
  const row = await createTechnicianRow({ role: "admin" });
  return { id: row.id, role: "admin" as const };
}

async function endpointOf(actor: { id: string; role: "admin" }) {
  const { endpoint } = await createWebhookEndpoint({
    actor,
    input: { url: "https://hooks.example.com/in", description: "", events: ["ticket.created"] },
  });
  return endpoint.id;
}

/** A delivery as the sender leaves it: `status` after one try answered `lastStatus`, made at `createdAt`. */
async function deliveryRow(endpointId: string, status: WebhookDeliveryStatus, createdAt = new Date()) {
  const event = await prisma().webhookEvent.create({ data: { type: "ticket.created", data: { ticket: 1 } } });
  const tried = status !== "pending";
  return prisma().webhookDelivery.create({
    data: {
      eventId: event.id,
      endpointId,
      status,
      createdAt,
      attempts: tried ? 1 : 0,
      lastStatus: tried ? (status === "delivered" ? 200 : 500) : null,
      lastDurationMs: tried ? 42 : null,
      lastResponse: tried ? "ok" : null,
      lastError: status === "failed" ? "HTTP 500" : null,
      lastAttemptAt: tried ? createdAt : null,
      deliveredAt: status === "delivered" ? createdAt : null,
      attemptLog: tried
        ? { create: { trigger: "first", status: status === "delivered" ? 200 : 500, durationMs: 42, response: "ok" } }
        : undefined,
    },
  });
}

const page = (endpointId: string, limit: number, cursor?: string) =>
  ZListWebhookDeliveriesInput.parse({ endpointId, limit, cursor });

describe("webhook delivery log", () => {
  it("lists an endpoint's deliveries newest first by keyset pages, each with its event and attempts", async () => {
    const actor = await admin();
    const endpointId = await endpointOf(actor);
    const other = await endpointOf(actor);
    await deliveryRow(other, "delivered");
    const base = Date.now() - 60_000;
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await deliveryRow(endpointId, "delivered", new Date(base + i * 1000)));
    // Two in the same millisecond: the id breaks the tie, neither is lost between pages.
    made.push(await deliveryRow(endpointId, "failed", new Date(base + 4000)));
    const first = await listWebhookDeliveries({ actor, input: page(endpointId, 4) });
    expect(first.deliveries).toHaveLength(4);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listWebhookDeliveries({ actor, input: page(endpointId, 4, first.nextCursor!) });
    expect(second.nextCursor).toBeNull();
    const ids = [...first.deliveries, ...second.deliveries].map((row) => row.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids)).toEqual(new Set(made.map((row) => row.id)));
    const times = [...first.deliveries, ...second.deliveries].map((row) => row.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(first.deliveries[0]).toMatchObject({
      event: { type: "ticket.created", id: expect.any(String) },
      attempts: 1,
      lastDurationMs: 42,
      attemptLog: [{ trigger: "first", durationMs: 42, response: "ok" }],
    });
  });

  it("refuses a cursor that is not one of ours (400) and an endpoint that does not exist (404)", async () => {
    const actor = await admin();
    const endpointId = await endpointOf(actor);
    await expect(
      listWebhookDeliveries({ actor, input: page(endpointId, 10, Buffer.from("yesterday|x").toString("base64url")) }),
    ).rejects.toMatchObject({ code: "invalid_cursor", status: 400 });
    await expect(
      listWebhookDeliveries({ actor, input: page("5b0c8a1e-0000-4000-8000-000000000000", 10) }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("resend makes a delivered or failed delivery pending and due now, once; audited", async () => {
    const actor = await admin();
    const endpointId = await endpointOf(actor);
    for (const status of ["delivered", "failed"] as const) {
      const delivery = await deliveryRow(endpointId, status, new Date(Date.now() - 3_600_000));
      const before = Date.now();
      await resendWebhookDelivery({ actor, input: { endpointId, deliveryId: delivery.id } });
      const after = await prisma().webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      expect(after).toMatchObject({ status: "pending", deliveredAt: null, lastError: null, eventId: delivery.eventId });
      expect(after.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(after.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
      await expect(
        resendWebhookDelivery({ actor, input: { endpointId, deliveryId: delivery.id } }),
      ).rejects.toMatchObject({ code: "delivery_pending", status: 409 });
    }
    expect(await prisma().auditEvent.count({ where: { action: "webhook.delivery_resent", actorId: actor.id } })).toBe(
      2,
    );
  });

  it("resend is refused for a disabled endpoint (409) and for another endpoint's delivery (404)", async () => {
    const actor = await admin();
    const endpointId = await endpointOf(actor);
    const other = await endpointOf(actor);
    const delivery = await deliveryRow(endpointId, "failed");
    await expect(
      resendWebhookDelivery({ actor, input: { endpointId: other, deliveryId: delivery.id } }),
    ).rejects.toMatchObject({ status: 404 });
    await updateWebhookEndpoint({ actor, input: { endpointId, enabled: false } });
    await expect(
      resendWebhookDelivery({ actor, input: { endpointId, deliveryId: delivery.id } }),
    ).rejects.toMatchObject({ code: "endpoint_disabled", status: 409 });
    expect((await prisma().webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status).toBe("failed");
  });

  it("send test event queues one webhook.test delivery to that endpoint alone, due now; refused when disabled", async () => {
    const actor = await admin();
    const endpointId = await endpointOf(actor);
    const bystander = await endpointOf(actor);
    const sent = await sendTestWebhookEvent({ actor, input: { endpointId } });
    const event = await prisma().webhookEvent.findUniqueOrThrow({
      where: { id: sent.eventId },
      include: { deliveries: true },
    });
    expect(event).toMatchObject({
      type: "webhook.test",
      data: { endpointId, requestedBy: { id: actor.id } },
      deliveries: [{ id: sent.deliveryId, endpointId, status: "pending", attempts: 0 }],
    });
    expect(await prisma().webhookDelivery.count({ where: { endpointId: bystander } })).toBe(0);
    const log = await listWebhookDeliveries({ actor, input: page(endpointId, 10) });
    expect(log.deliveries.map((row) => [row.id, row.status, row.event.type])).toEqual([
      [sent.deliveryId, "pending", "webhook.test"],
    ]);
    expect(
      await prisma().auditEvent.count({
        where: { action: "webhook.test_sent", subject: `webhook_endpoint:${endpointId}` },
      }),
    ).toBe(1);
    await updateWebhookEndpoint({ actor, input: { endpointId, enabled: false } });
    await expect(sendTestWebhookEvent({ actor, input: { endpointId } })).rejects.toMatchObject({
      code: "endpoint_disabled",
      status: 409,
    });
    await expect(
      sendTestWebhookEvent({ actor, input: { endpointId: "5b0c8a1e-0000-4000-8000-000000000000" } }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("is for admins: a technician can neither read the log, resend nor send a test", async () => {
    const actor = await admin();
    const endpointId = await endpointOf(actor);
    const delivery = await deliveryRow(endpointId, "failed");
    const technician = await createTechnicianRow();
    const tech = { id: technician.id, role: "technician" as const };
    const forbidden = { code: "forbidden", status: 403 };
    await expect(listWebhookDeliveries({ actor: tech, input: page(endpointId, 10) })).rejects.toMatchObject(forbidden);
    await expect(
      resendWebhookDelivery({ actor: tech, input: { endpointId, deliveryId: delivery.id } }),
    ).rejects.toMatchObject(forbidden);
    await expect(sendTestWebhookEvent({ actor: tech, input: { endpointId } })).rejects.toMatchObject(forbidden);
    expect((await prisma().webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status).toBe("failed");
    expect(await prisma().webhookDelivery.count({ where: { endpointId } })).toBe(1);
  });
});
