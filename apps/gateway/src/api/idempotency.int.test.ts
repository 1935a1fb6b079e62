import { getPrisma } from "@helpline/db";
import { createCustomerRow } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTest, type ApiTest, type TestApiKey } from "./testing/with-api.ts";

let api: ApiTest;
let key: TestApiKey;
beforeAll(async () => {
  api = await startApiTest();
  key = await api.createKey({ scopes: ["tickets:read", "tickets:write"] });
});
afterAll(() => api.close());

describe("Idempotency-Key on writes", () => {
  it("answers a retry with the first answer and writes once", async () => {
    const customer = await createCustomerRow();
    const headers = { "idempotency-key": crypto.randomUUID() };
    const body = { customerId: customer.id, title: "Scanner offline" };
    const first = await api.request(key, "POST", "/api/v1/tickets", { body, headers });
    const retry = await api.request(key, "POST", "/api/v1/tickets", { body, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(await getPrisma().ticket.count({ where: { customerId: customer.id } })).toBe(1);
  });

  it("refuses the same key with a different request (422), and keeps keys apart per API key", async () => {
    const customer = await createCustomerRow();
    const headers = { "idempotency-key": crypto.randomUUID() };
    await api.request(key, "POST", "/api/v1/tickets", { body: { customerId: customer.id, title: "A" }, headers });
    const reused = await api.request(key, "POST", "/api/v1/tickets", {
      body: { customerId: customer.id, title: "B" },
      headers,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe("idempotency_key_reused");
    const otherKey = await api.createKey({ scopes: ["tickets:write"] });
    const other = await api.request(otherKey, "POST", "/api/v1/tickets", {
      body: { customerId: customer.id, title: "B" },
      headers,
    });
    expect(other.status).toBe(201);
    expect(await getPrisma().ticket.count({ where: { customerId: customer.id } })).toBe(2);
  });

  it("replays a refusal too, and refuses a key that is not printable ASCII", async () => {
    const headers = { "idempotency-key": crypto.randomUUID() };
    const body = { customerId: crypto.randomUUID(), title: "Nobody's ticket" };
    const first = await api.request(key, "POST", "/api/v1/tickets", { body, headers });
    const retry = await api.request(key, "POST", "/api/v1/tickets", { body, headers });
    expect([first.status, retry.status]).toEqual([400, 400]);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const long = await api.request(key, "POST", "/api/v1/tickets", {
      body,
      headers: { "idempotency-key": "x".repeat(256) },
    });
    expect(long.status).toBe(400);
    expect(long.body.error.fields).toHaveProperty("Idempotency-Key");
  });
});
