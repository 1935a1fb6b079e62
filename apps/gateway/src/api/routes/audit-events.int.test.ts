import { getPrisma } from "@helpline/db";
import { unique } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTest, type ApiTest, type TestApiKey } from "../testing/with-api.ts";

let api: ApiTest;
let admin: TestApiKey;
let technician: TestApiKey;
let adminWithoutScope: TestApiKey;
beforeAll(async () => {
  api = await startApiTest();
  admin = await api.createKey({ scopes: ["tickets:read", "customers:write"], role: "admin" });
  technician = await api.createKey({ scopes: ["tickets:read"] });
  adminWithoutScope = await api.createKey({ scopes: ["customers:read"], role: "admin" });
});
afterAll(() => api.close());

describe("GET /api/v1/audit-events", () => {
  it("pages through an admin's audit log newest first, naming the technician and the API key", async () => {
    const created: string[] = [];
    for (let index = 0; index < 5; index++) {
      const answer = await api.request(admin, "POST", "/api/v1/customers", { body: { name: unique("Audited") } });
      created.push(answer.body.id);
    }
    const seen = [];
    let cursor: string | null = null;
    let pages = 0;
    const since = (await getPrisma().auditEvent.findFirstOrThrow({ where: { subject: `customer:${created[0]}` } })).at;
    do {
      const query: string = `action=customer.created&since=${since.toISOString()}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const answer = await api.request(admin, "GET", `/api/v1/audit-events?${query}`);
      expect(answer.status).toBe(200);
      seen.push(...answer.body.data);
      cursor = answer.body.nextCursor;
      pages++;
    } while (cursor);
    // Other test files may create customers meanwhile: ours are all there, once, newest first.
    const ours = seen.filter((event) => created.includes(event.subject.slice("customer:".length)));
    expect(ours.map((event) => event.subject)).toEqual(created.map((id) => `customer:${id}`).reverse());
    expect(new Set(seen.map((event) => event.id)).size).toBe(seen.length);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(ours[0]).toMatchObject({
      action: "customer.created",
      actor: { type: "technician", id: admin.technician.id, name: expect.any(String) },
      apiKey: { id: admin.id, name: admin.name },
      data: { name: expect.stringMatching(/^Audited-/) },
    });

    const one = await api.request(admin, "GET", `/api/v1/audit-events?subject=customer:${created[2]}`);
    expect(one.body.data.map((event: { subject: string }) => event.subject)).toEqual([`customer:${created[2]}`]);
    const before = await api.request(
      admin,
      "GET",
      `/api/v1/audit-events?subject=customer:${created[2]}&until=${since.toISOString()}`,
    );
    expect(before.body.data).toEqual([]);
  });

  it("is for admins only, as Settings ▸ Audit log, and needs tickets:read", async () => {
    const refused = await api.request(technician, "GET", "/api/v1/audit-events");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    const scope = await api.request(adminWithoutScope, "GET", "/api/v1/audit-events");
    expect(scope.status).toBe(403);
    expect(scope.body.error).toMatchObject({ code: "missing_scope", fields: { scope: "tickets:read" } });
  });

  it("refuses a time that is not ISO 8601 and a cursor it did not give out, naming the field", async () => {
    for (const [query, field] of [
      ["since=yesterday", "since"],
      ["until=2026-13-01", "until"],
      ["limit=101", "limit"],
      ["cursor=bm90LW91cnMtYXQtYWxsLXJlYWxseQ", "cursor"],
    ] as const) {
      const answer = await api.request(admin, "GET", `/api/v1/audit-events?${query}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.fields).toHaveProperty(field);
    }
  });
});
