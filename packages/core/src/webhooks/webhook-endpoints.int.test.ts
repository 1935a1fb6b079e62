import { getPrisma } from "@helpline/db";
import { createTechnicianRow } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { createWebhookEndpoint } from "./create-webhook-endpoint.ts";
import { deleteWebhookEndpoint } from "./delete-webhook-endpoint.ts";
import { getWebhookEndpoint } from "./get-webhook-endpoint.ts";
import { listWebhookEndpoints } from "./list-webhook-endpoints.ts";
import { revealWebhookSecret } from "./reveal-webhook-secret.ts";
import { rotateWebhookSecret } from "./rotate-webhook-secret.ts";
import { updateWebhookEndpoint } from "./update-webhook-endpoint.ts";
import { ZCreateWebhookEndpointInput, ZUpdateWebhookEndpointInput } from "./webhook-endpoint-input.ts";

const prisma = () => getPrisma();

async function webhookAdmin() {
  const admin = await createTechnicianRow({ role: "admin" });
  return { id: admin.id, role: "admin" as const };
}

const input = (overrides: Record<string, unknown> = {}) =>
  ZCreateWebhookEndpointInput.parse({
    url: "https://hooks.example.com/helpline",
    description: "PSA sync",
    events: ["ticket.created", "ticket.replied"],
    ...overrides,
  });

const audits = (endpointId: string) =>
  prisma().auditEvent.findMany({ where: { subject: `webhook_endpoint:${endpointId}` }, orderBy: { at: "asc" } });

// Lines written in one millisecond have no order between them, so a trail is compared as a set.
const trail = async (endpointId: string) =>
  (await audits(endpointId)).map((audit) => `${audit.action} ${JSON.stringify(audit.data)}`).sort();

describe("webhook endpoints", () => {
  it("an admin creates an endpoint: a whsec_ secret once, stored, owned and audited; reads never show the secret", async () => {
    const actor = await webhookAdmin();
    const { endpoint, secret } = await createWebhookEndpoint({ actor, input: input() });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint).toMatchObject({
      url: "https://hooks.example.com/helpline",
      description: "PSA sync",
      events: ["ticket.created", "ticket.replied"],
      enabled: true,
      state: "active",
      owner: { id: actor.id },
      lastDelivery: null,
    });
    expect(endpoint).not.toHaveProperty("secret");
    const stored = await prisma().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(stored.secret).toBe(secret);
    const got = await getWebhookEndpoint({ actor, input: { endpointId: endpoint.id } });
    expect(got).toEqual(endpoint);
    expect(JSON.stringify(await listWebhookEndpoints({ actor }))).not.toContain(secret);
    expect((await listWebhookEndpoints({ actor })).map((row) => row.id)).toContain(endpoint.id);
    const [audit] = await audits(endpoint.id);
    expect(audit).toMatchObject({ action: "webhook.endpoint_created", actorId: actor.id });
    expect(JSON.stringify(audit?.data)).not.toContain(secret);
  });

  it("refuses a private, plain-http or credentialed URL at save time (400 at url) and writes nothing", async () => {
    const actor = await webhookAdmin();
    for (const url of [
      "http://hooks.example.com/in",
      "https://127.0.0.1/in",
      "https://169.254.169.254/latest",
      "https://a:b@hooks.example.com/",
    ]) {
      await expect(createWebhookEndpoint({ actor, input: input({ url }) })).rejects.toMatchObject({
        code: "invalid_webhook_url",
        status: 400,
        fields: { url: expect.any(String) },
      });
      expect(await prisma().webhookEndpoint.count({ where: { ownerId: actor.id } })).toBe(0);
    }
    const { endpoint } = await createWebhookEndpoint({ actor, input: input() });
    await expect(
      updateWebhookEndpoint({ actor, input: { endpointId: endpoint.id, url: "https://10.1.2.3/in" } }),
    ).rejects.toMatchObject({ code: "invalid_webhook_url", status: 400 });
    expect((await getWebhookEndpoint({ actor, input: { endpointId: endpoint.id } })).url).toBe(endpoint.url);
  });

  it("the input refuses no events, an event twice, an unknown event and a long description, each at its field", () => {
    const paths = (overrides: Record<string, unknown>) =>
      ZCreateWebhookEndpointInput.safeParse({
        url: "https://x.example/",
        events: ["ticket.created"],
        ...overrides,
      }).error?.issues.map((issue) => issue.path.join(".")) ?? [];
    expect(paths({ events: [] })).toEqual(["events"]);
    expect(paths({ events: ["ticket.created", "ticket.created"] })).toEqual(["events"]);
    expect(paths({ events: ["ticket.deleted"] })).toEqual(["events.0"]);
    expect(paths({ description: "d".repeat(201) })).toEqual(["description"]);
    expect(paths({ url: "" })).toEqual(["url"]);
    expect(ZUpdateWebhookEndpointInput.safeParse({ endpointId: "nope" }).success).toBe(false);
  });

  it("update changes only what is given; disabling stamps disabledAt, enabling clears the failing and disabled state", async () => {
    const actor = await webhookAdmin();
    const { endpoint } = await createWebhookEndpoint({ actor, input: input() });
    const endpointId = endpoint.id;
    const changed = await updateWebhookEndpoint({
      actor,
      input: { endpointId, description: "Teams", events: ["device.enrolled"] },
    });
    expect(changed).toMatchObject({ url: endpoint.url, description: "Teams", events: ["device.enrolled"] });
    await prisma().webhookEndpoint.update({ where: { id: endpointId }, data: { failingSince: new Date() } });
    expect((await getWebhookEndpoint({ actor, input: { endpointId } })).state).toBe("failing");
    const off = await updateWebhookEndpoint({ actor, input: { endpointId, enabled: false } });
    expect(off).toMatchObject({
      enabled: false,
      state: "disabled",
      disabledAt: expect.any(Date),
      disabledReason: null,
    });
    // As the sender leaves it after three days of failures.
    await prisma().webhookEndpoint.update({
      where: { id: endpointId },
      data: { disabledReason: "Every delivery failed for 3 days." },
    });
    const on = await updateWebhookEndpoint({ actor, input: { endpointId, enabled: true } });
    expect(on).toMatchObject({
      enabled: true,
      state: "active",
      disabledAt: null,
      disabledReason: null,
      failingSince: null,
      description: "Teams",
    });
    const updates = (await audits(endpointId)).filter((audit) => audit.action === "webhook.endpoint_updated");
    expect(updates.map((audit) => audit.data)).toHaveLength(3);
    expect(updates.map((audit) => audit.data)).toEqual(
      expect.arrayContaining([
        { description: "Teams", events: ["device.enrolled"] },
        { enabled: false },
        { enabled: true },
      ]),
    );
  });

  it("rotate replaces the secret and reveal reads it, both audited without it", async () => {
    const actor = await webhookAdmin();
    const { endpoint, secret } = await createWebhookEndpoint({ actor, input: input() });
    const endpointId = endpoint.id;
    expect(await revealWebhookSecret({ actor, input: { endpointId } })).toEqual({ secret });
    const rotated = await rotateWebhookSecret({ actor, input: { endpointId } });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(secret);
    expect(await revealWebhookSecret({ actor, input: { endpointId } })).toEqual(rotated);
    const lines = await trail(endpointId);
    expect(lines.map((line) => line.split(" ")[0])).toEqual([
      "webhook.endpoint_created",
      "webhook.secret_revealed",
      "webhook.secret_revealed",
      "webhook.secret_rotated",
    ]);
    expect(lines.join()).not.toContain(rotated.secret);
    expect(lines.join()).not.toContain(secret);
  });

  it("delete removes the endpoint with its deliveries, audited with its URL; a second delete is 404", async () => {
    const actor = await webhookAdmin();
    const { endpoint } = await createWebhookEndpoint({ actor, input: input() });
    const endpointId = endpoint.id;
    const event = await prisma().webhookEvent.create({ data: { type: "ticket.created", data: {} } });
    await prisma().webhookDelivery.create({ data: { eventId: event.id, endpointId } });
    await deleteWebhookEndpoint({ actor, input: { endpointId } });
    expect(await prisma().webhookEndpoint.count({ where: { id: endpointId } })).toBe(0);
    expect(await prisma().webhookDelivery.count({ where: { endpointId } })).toBe(0);
    expect(await trail(endpointId)).toContain(`webhook.endpoint_deleted {"url":"${endpoint.url}"}`);
    await expect(deleteWebhookEndpoint({ actor, input: { endpointId } })).rejects.toMatchObject({ status: 404 });
    await expect(getWebhookEndpoint({ actor, input: { endpointId } })).rejects.toMatchObject({ status: 404 });
    await expect(updateWebhookEndpoint({ actor, input: { endpointId, enabled: true } })).rejects.toMatchObject({
      status: 404,
    });
    await expect(rotateWebhookSecret({ actor, input: { endpointId } })).rejects.toMatchObject({ status: 404 });
    await expect(revealWebhookSecret({ actor, input: { endpointId } })).rejects.toMatchObject({ status: 404 });
  });

  it("is for admins: a technician can neither read nor change endpoints, and nothing is written", async () => {
    const admin = await webhookAdmin();
    const { endpoint, secret } = await createWebhookEndpoint({ actor: admin, input: input() });
    const technician = await createTechnicianRow();
    const actor = { id: technician.id, role: "technician" as const };
    const endpointId = endpoint.id;
    const forbidden = { code: "forbidden", status: 403 };
    await expect(createWebhookEndpoint({ actor, input: input() })).rejects.toMatchObject(forbidden);
    await expect(listWebhookEndpoints({ actor })).rejects.toMatchObject(forbidden);
    await expect(getWebhookEndpoint({ actor, input: { endpointId } })).rejects.toMatchObject(forbidden);
    await expect(updateWebhookEndpoint({ actor, input: { endpointId, enabled: false } })).rejects.toMatchObject(
      forbidden,
    );
    await expect(deleteWebhookEndpoint({ actor, input: { endpointId } })).rejects.toMatchObject(forbidden);
    await expect(rotateWebhookSecret({ actor, input: { endpointId } })).rejects.toMatchObject(forbidden);
    await expect(revealWebhookSecret({ actor, input: { endpointId } })).rejects.toMatchObject(forbidden);
    expect(await prisma().webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } })).toMatchObject({
      enabled: true,
      secret,
    });
    expect(await prisma().auditEvent.count({ where: { actorId: technician.id } })).toBe(0);
  });
});
