import { getPrisma } from "@helpline/db";
import type { ApiScope } from "@helpline/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTest, type ApiTest } from "../testing/with-api.ts";

let api: ApiTest;

beforeAll(async () => {
  api = await startApiTest();
});
afterAll(() => api.close());

/** A real API key of a fresh technician of `role`, holding `scopes`. */
async function apiKey(options: { role: "admin" | "technician"; scopes: ApiScope[] }) {
  const key = await api.createKey(options);
  return { token: key.token, key };
}

/** One request with `token`; every answer is checked against the OpenAPI document by with-api. */
async function call(token: string, method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown) {
  const answer = await api.request(token, method, path, body === undefined ? {} : { body });
  return { status: answer.status, body: answer.body };
}

const manage = () => apiKey({ role: "admin", scopes: ["webhooks:manage"] });
const NEW_ENDPOINT = { url: "https://hooks.example.com/helpline", description: "PSA", events: ["ticket.created"] };

describe("/api/v1/webhooks", () => {
  it("an admin's key creates, lists, reads, changes and deletes an endpoint; the secret comes once; writes name the key", async () => {
    const { token, key } = await manage();
    const created = await call(token, "POST", "/api/v1/webhooks", NEW_ENDPOINT);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: NEW_ENDPOINT.url,
      description: "PSA",
      events: ["ticket.created"],
      enabled: true,
      state: "active",
      lastDelivery: null,
      secret: expect.stringMatching(/^whsec_/),
    });
    const id = created.body.id as string;
    const listed = await call(token, "GET", "/api/v1/webhooks");
    expect(listed.status).toBe(200);
    expect(listed.body.nextCursor).toBeNull();
    expect(listed.body.data.map((row: { id: string }) => row.id)).toContain(id);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    const got = await call(token, "GET", `/api/v1/webhooks/${id}`);
    expect(got).toMatchObject({ status: 200, body: { id, url: NEW_ENDPOINT.url } });
    expect(got.body).not.toHaveProperty("secret");
    const changed = await call(token, "PATCH", `/api/v1/webhooks/${id}`, { enabled: false, description: "Off" });
    expect(changed).toMatchObject({ status: 200, body: { enabled: false, state: "disabled", description: "Off" } });
    expect((await call(token, "DELETE", `/api/v1/webhooks/${id}`)).status).toBe(204);
    expect((await call(token, "GET", `/api/v1/webhooks/${id}`)).status).toBe(404);
    const audit = await getPrisma().auditEvent.findMany({ where: { subject: `webhook_endpoint:${id}` } });
    expect(audit).toHaveLength(3);
    for (const line of audit) expect(line).toMatchObject({ apiKeyId: key.id, apiKeyName: key.name });
  });

  it("answers 400 naming the field for a private URL, no events, or an empty change", async () => {
    const { token } = await manage();
    const privateUrl = await call(token, "POST", "/api/v1/webhooks", { ...NEW_ENDPOINT, url: "https://10.0.0.1/in" });
    expect(privateUrl).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_webhook_url", fields: { url: expect.any(String) } } },
    });
    const noEvents = await call(token, "POST", "/api/v1/webhooks", { ...NEW_ENDPOINT, events: [] });
    expect(noEvents).toMatchObject({ status: 400, body: { error: { fields: { events: expect.any(String) } } } });
    const created = await call(token, "POST", "/api/v1/webhooks", NEW_ENDPOINT);
    const empty = await call(token, "PATCH", `/api/v1/webhooks/${created.body.id}`, {});
    expect(empty.status).toBe(400);
    expect((await call(token, "GET", "/api/v1/webhooks/not-a-uuid")).status).toBe(400);
  });

  it("sends a test event, lists it in the deliveries, and refuses a resend while it is pending", async () => {
    const { token } = await manage();
    const id = (await call(token, "POST", "/api/v1/webhooks", NEW_ENDPOINT)).body.id as string;
    const sent = await call(token, "POST", `/api/v1/webhooks/${id}/test`);
    expect(sent).toMatchObject({ status: 202, body: { eventId: expect.any(String), deliveryId: expect.any(String) } });
    const deliveries = await call(token, "GET", `/api/v1/webhooks/${id}/deliveries?limit=10`);
    expect(deliveries).toMatchObject({
      status: 200,
      body: {
        nextCursor: null,
        data: [
          {
            id: sent.body.deliveryId,
            event: { id: sent.body.eventId, type: "webhook.test" },
            status: "pending",
            tries: 0,
            attempts: [],
          },
        ],
      },
    });
    const resend = await call(token, "POST", `/api/v1/webhooks/${id}/deliveries/${sent.body.deliveryId}/resend`);
    expect(resend).toMatchObject({ status: 409, body: { error: { code: "delivery_pending" } } });
    // As the sender leaves a delivery it gave up on.
    await getPrisma().webhookDelivery.update({ where: { id: sent.body.deliveryId }, data: { status: "failed" } });
    const again = await call(token, "POST", `/api/v1/webhooks/${id}/deliveries/${sent.body.deliveryId}/resend`);
    expect(again).toMatchObject({ status: 202, body: { deliveryId: sent.body.deliveryId, status: "pending" } });
    expect((await call(token, "GET", `/api/v1/webhooks/${id}/deliveries?cursor=bogus`)).status).toBe(400);
    await call(token, "PATCH", `/api/v1/webhooks/${id}`, { enabled: false });
    const disabled = await call(token, "POST", `/api/v1/webhooks/${id}/test`);
    expect(disabled).toMatchObject({ status: 409, body: { error: { code: "endpoint_disabled" } } });
  });

  it("refuses a key without webhooks:manage (403 missing_scope) and a technician's key (403 forbidden)", async () => {
    const { token: admin } = await manage();
    const id = (await call(admin, "POST", "/api/v1/webhooks", NEW_ENDPOINT)).body.id as string;
    const { token: readOnly } = await apiKey({ role: "admin", scopes: ["tickets:read"] });
    for (const [method, url] of [
      ["GET", "/api/v1/webhooks"],
      ["POST", "/api/v1/webhooks"],
      ["DELETE", `/api/v1/webhooks/${id}`],
      ["POST", `/api/v1/webhooks/${id}/test`],
    ] as const) {
      const refused = await call(readOnly, method, url, method === "POST" ? NEW_ENDPOINT : undefined);
      expect(refused).toMatchObject({ status: 403, body: { error: { code: "missing_scope" } } });
    }
    const { token: technician } = await apiKey({ role: "technician", scopes: ["webhooks:manage"] });
    expect(await call(technician, "GET", "/api/v1/webhooks")).toMatchObject({
      status: 403,
      body: { error: { code: "forbidden" } },
    });
    expect((await call(technician, "DELETE", `/api/v1/webhooks/${id}`)).status).toBe(403);
    expect((await call(admin, "GET", `/api/v1/webhooks/${id}`)).status).toBe(200);
  });

  it("is in the OpenAPI document with its operation ids", async () => {
    const document = (await api.request(null, "GET", "/api/v1/openapi.json")).body as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const operations = Object.values(document.paths)
      .flatMap((path) => Object.values(path))
      .map((operation) => operation.operationId);
    expect(operations).toEqual(
      expect.arrayContaining([
        "listWebhooks",
        "createWebhook",
        "getWebhook",
        "updateWebhook",
        "deleteWebhook",
        "listWebhookDeliveries",
        "resendWebhookDelivery",
        "sendTestWebhookEvent",
      ]),
    );
  });
});
