import { getPrisma } from "@helpline/db";
import { createCustomerRow } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTest, type ApiTest, type TestApiKey } from "./testing/with-api.ts";

let api: ApiTest;
let admin: TestApiKey;
beforeAll(async () => {
  api = await startApiTest();
  admin = await api.createKey({
    role: "admin",
    scopes: ["customers:read", "customers:write", "tickets:read", "webhooks:manage"],
  });
});
afterAll(() => api.close());

const json = { "content-type": "application/json" };
const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

describe("request bodies on the API", () => {
  it("takes an empty body sent as JSON as no body, on a write that takes none", async () => {
    const customer = await createCustomerRow();
    const response = await fetch(`${api.baseUrl}/api/v1/customers/${customer.id}/install-key/rotate`, {
      method: "POST",
      headers: { ...json, authorization: `Bearer ${admin.token}` },
    });
    expect(response.status).toBe(200);
  });

  it("refuses what is not JSON, and a body over the limit, in the JSON error shape", async () => {
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${api.baseUrl}/api/v1/customers`, {
        method: "POST",
        headers: { ...headers, authorization: `Bearer ${admin.token}` },
        body,
      });
    const text = await post("name=Contoso", { "content-type": "text/plain" });
    expect(text.status).toBe(400);
    expect((await errorOf(text)).code).toBe("invalid_request");
    const broken = await post("{", json);
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).message).toMatch(/not valid JSON/);
    const poisoned = await post('{"name":"A","__proto__":{"admin":true}}', json);
    expect(poisoned.status).toBe(400);
    const huge = await post(JSON.stringify({ name: "x".repeat(1024 * 1024) }), json);
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).code).toBe("payload_too_large");
  });

  it("refuses an audit time the database cannot hold with 400 naming it", async () => {
    const answer = await api.request(admin, "GET", "/api/v1/audit-events?since=0000-01-01T00:00:00Z");
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toHaveProperty("since");
  });

  it("does not keep a new webhook endpoint's secret for Idempotency-Key replays", async () => {
    const headers = { "idempotency-key": crypto.randomUUID() };
    const body = { url: "https://hooks.example.com/helpline", events: ["ticket.created"] };
    const first = await api.request(admin, "POST", "/api/v1/webhooks", { body, headers });
    expect(first.status).toBe(201);
    expect(first.body.secret).toMatch(/^whsec_/);
    const replay = await api.request(admin, "POST", "/api/v1/webhooks", { body, headers });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.body).not.toHaveProperty("secret");
    const stored = await getPrisma().idempotencyRecord.findFirstOrThrow({
      where: { apiKeyId: admin.id, key: headers["idempotency-key"] },
      select: { responseBody: true },
    });
    expect(JSON.stringify(stored.responseBody)).not.toContain(first.body.secret);
    await api.request(admin, "DELETE", `/api/v1/webhooks/${first.body.id}`);
  });
});
