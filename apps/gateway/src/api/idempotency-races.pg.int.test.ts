import { getPrisma } from "@helpline/db";
import { createCustomerRow } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTest, type ApiTest } from "./testing/with-api.ts";

let api: ApiTest;
beforeAll(async () => {
  api = await startApiTest();
});
afterAll(() => api.close());

describe("Idempotency-Key races on PostgreSQL", () => {
  it("of 12 parallel identical requests with one key, exactly one writes; the others replay it or are told to retry", async () => {
    const key = await api.createKey({ scopes: ["tickets:write"] });
    const customer = await createCustomerRow();
    const headers = { "idempotency-key": crypto.randomUUID() };
    const body = { customerId: customer.id, title: "Twelve clicks on Send" };
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => api.request(key, "POST", "/api/v1/tickets", { body, headers })),
    );
    expect(await getPrisma().ticket.count({ where: { customerId: customer.id } })).toBe(1);
    const created = answers.filter((answer) => answer.status === 201);
    const pending = answers.filter((answer) => answer.status === 409);
    expect(created.length + pending.length).toBe(12);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((answer) => answer.body.id)).size).toBe(1);
    for (const answer of pending) expect(answer.body.error.code).toBe("idempotency_in_progress");
    const retry = await api.request(key, "POST", "/api/v1/tickets", { body, headers });
    expect(retry.body.id).toBe(created[0]!.body.id);
  });
});
