import { API_KEY_REVOKED_CHANNEL } from "@helpline/core";
import { getPrisma } from "@helpline/db";
import { createTechnicianRow } from "@helpline/db/testing";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTest, type ApiTest } from "./testing/with-api.ts";

let api: ApiTest;
beforeAll(async () => {
  api = await startApiTest({ apiRateLimitPerMinute: 5 });
});
afterAll(() => api.close());

describe("the OpenAPI document", () => {
  it("is served without a key and is a valid OpenAPI 3.1 document", async () => {
    const answer = await api.request(null, "GET", "/api/v1/openapi.json");
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe("3.1.0");
    const result = await new Validator().validate(answer.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(answer.body.paths["/api/v1/tickets"].get.description).toMatch(/Scope: `tickets:read`/);
  });
});

describe("API keys on the wire", () => {
  it("refuses a missing, malformed or unknown key with 401 in the JSON error shape", async () => {
    for (const key of [null, "not-a-key", `hl_${"A".repeat(43)}`]) {
      const answer = await api.request(key, "GET", "/api/v1/tickets");
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe("unauthorized");
    }
  });

  it("stops a revoked key at once, an expired key, and the keys of a disabled technician", async () => {
    const key = await api.createKey({ scopes: ["tickets:read"] });
    expect((await api.request(key, "GET", "/api/v1/tickets?limit=1")).status).toBe(200);
    await getPrisma().$transaction([
      getPrisma().apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } }),
      getPrisma().$executeRaw`SELECT pg_notify(${API_KEY_REVOKED_CHANNEL}, ${key.id})`,
    ]);
    await expect.poll(async () => (await api.request(key, "GET", "/api/v1/tickets?limit=1")).status).toBe(401);

    const expired = await api.createKey({ scopes: ["tickets:read"], expiresAt: new Date(Date.now() - 1000) });
    expect((await api.request(expired, "GET", "/api/v1/tickets?limit=1")).status).toBe(401);

    const technician = await createTechnicianRow({ disabled: true });
    const disabled = await api.createKey({ scopes: ["tickets:read"], technicianId: technician.id });
    expect((await api.request(disabled, "GET", "/api/v1/tickets?limit=1")).status).toBe(401);
  });

  it("records when and from where a key was last used", async () => {
    const key = await api.createKey({ scopes: ["tickets:read"] });
    await api.request(key, "GET", "/api/v1/tickets?limit=1");
    await expect
      .poll(() => getPrisma().apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { lastUsedIp: true } }))
      .toEqual({ lastUsedIp: "127.0.0.1" });
  });

  it("limits each key to its requests per minute with 429 and retry-after, without slowing other keys", async () => {
    const busy = await api.createKey({ scopes: ["tickets:read"] });
    const calm = await api.createKey({ scopes: ["tickets:read"] });
    const statuses = [];
    for (let index = 0; index < 6; index++)
      statuses.push((await api.request(busy, "GET", "/api/v1/tickets?limit=1")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await api.request(busy, "GET", "/api/v1/tickets?limit=1");
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await api.request(calm, "GET", "/api/v1/tickets?limit=1")).status).toBe(200);
  });
});
