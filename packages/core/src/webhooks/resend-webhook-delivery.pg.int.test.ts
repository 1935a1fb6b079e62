import { getPrisma } from "@helpline/db";
import { createTechnicianRow } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { createWebhookEndpoint } from "./create-webhook-endpoint.ts";
import { resendWebhookDelivery } from "./resend-webhook-delivery.ts";

describe("resend on PostgreSQL", () => {
  it("ten Resend clicks at once queue the delivery once: one succeeds, nine are told it is pending", async () => {
    const admin = await createTechnicianRow({ role: "admin" });
    const actor = { id: admin.id, role: "admin" as const };
    const { endpoint } = await createWebhookEndpoint({
      actor,
      input: { url: "https://hooks.example.com/in", description: "", events: ["ticket.created"] },
    });
    const event = await getPrisma().webhookEvent.create({ data: { type: "ticket.created", data: {} } });
    const delivery = await getPrisma().webhookDelivery.create({
      data: { eventId: event.id, endpointId: endpoint.id, status: "failed", attempts: 10 },
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        resendWebhookDelivery({ actor, input: { endpointId: endpoint.id, deliveryId: delivery.id } }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const refusals = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
    expect(refusals).toHaveLength(9);
    for (const refusal of refusals) expect(refusal).toMatchObject({ code: "delivery_pending", status: 409 });
    expect(
      await getPrisma().auditEvent.count({ where: { action: "webhook.delivery_resent", actorId: actor.id } }),
    ).toBe(1);
  });
});
