import { getPrisma } from "@helpline/db";
import { createCustomerRow, createDeviceRow, unique } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTest, type ApiTest, type TestApiKey } from "../testing/with-api.ts";

let api: ApiTest;
let reader: TestApiKey;
let writer: TestApiKey;
let admin: TestApiKey;
let devicesOnly: TestApiKey;
beforeAll(async () => {
  api = await startApiTest();
  reader = await api.createKey({ scopes: ["customers:read"] });
  writer = await api.createKey({ scopes: ["customers:read", "customers:write"] });
  admin = await api.createKey({ scopes: ["customers:read", "customers:write"], role: "admin" });
  devicesOnly = await api.createKey({ scopes: ["devices:read"] });
});
afterAll(() => api.close());

describe("GET /api/v1/customers", () => {
  it("pages through the customers a search matches, each once, by name", async () => {
    const tag = unique("Api");
    const made = [];
    for (const name of ["Echo", "Bravo", "Delta", "Alpha", "Charlie"])
      made.push(await createCustomerRow({ name: `${tag} ${name}` }));
    await createDeviceRow({ customerId: made[1]!.id });
    await getPrisma().customer.update({ where: { id: made[4]!.id }, data: { language: "fr" } });
    const seen = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `search=${tag.toLowerCase()}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const answer = await api.request(reader, "GET", `/api/v1/customers?${query}`);
      expect(answer.status).toBe(200);
      seen.push(...answer.body.data);
      cursor = answer.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((customer) => customer.name)).toEqual(
      ["Alpha", "Bravo", "Charlie", "Delta", "Echo"].map((name) => `${tag} ${name}`),
    );
    expect(seen[1]).toEqual({
      id: made[1]!.id,
      name: `${tag} Bravo`,
      autoActivateHelpdesk: false,
      language: null,
      deviceCount: 1,
      contactCount: 0,
      createdAt: made[1]!.createdAt.toISOString(),
    });
    expect(seen[2]).toMatchObject({ name: `${tag} Charlie`, language: "fr" });
  });

  it("refuses a bad limit or cursor naming the field, and a key without customers:read", async () => {
    const limit = await api.request(reader, "GET", "/api/v1/customers?limit=0");
    expect(limit.status).toBe(400);
    expect(limit.body.error.fields).toHaveProperty("limit");
    const cursor = await api.request(reader, "GET", "/api/v1/customers?cursor=bm90LW91cnMtYXQtYWxsLXJlYWxseQ");
    expect(cursor.status).toBe(400);
    expect(cursor.body.error).toMatchObject({ code: "invalid_cursor", fields: { cursor: expect.any(String) } });
    const refused = await api.request(devicesOnly, "GET", "/api/v1/customers");
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "missing_scope", fields: { scope: "customers:read" } });
  });
});

describe("GET /api/v1/customers/{id}", () => {
  it("answers one customer, 404 for an unknown id and 400 for one that is no uuid", async () => {
    const customer = await createCustomerRow();
    const answer = await api.request(reader, "GET", `/api/v1/customers/${customer.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: customer.id, name: customer.name, deviceCount: 0 });
    expect(answer.body).not.toHaveProperty("installKey");
    const unknown = await api.request(reader, "GET", `/api/v1/customers/${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    const malformed = await api.request(reader, "GET", "/api/v1/customers/42");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields).toHaveProperty("id");
    expect((await api.request(devicesOnly, "GET", `/api/v1/customers/${customer.id}`)).status).toBe(403);
  });
});

describe("POST /api/v1/customers", () => {
  it("creates a customer with its own install key, audited with the key's name", async () => {
    const name = unique("New customer");
    const answer = await api.request(writer, "POST", "/api/v1/customers", { body: { name: `  ${name} ` } });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      name,
      deviceCount: 0,
      contactCount: 0,
      autoActivateHelpdesk: false,
      language: null,
    });
    const stored = await getPrisma().customer.findUniqueOrThrow({ where: { id: answer.body.id } });
    expect(stored.installKey).not.toBe("");
    const audit = await getPrisma().auditEvent.findFirstOrThrow({
      where: { subject: `customer:${answer.body.id}`, action: "customer.created" },
    });
    expect(audit).toMatchObject({ actorId: writer.technician.id, apiKeyId: writer.id, apiKeyName: writer.name });
  });

  it("creates one customer for a retry with the same Idempotency-Key, and answers the retry the same", async () => {
    const name = unique("Retried customer");
    const headers = { "idempotency-key": crypto.randomUUID() };
    const first = await api.request(writer, "POST", "/api/v1/customers", { body: { name }, headers });
    const retry = await api.request(writer, "POST", "/api/v1/customers", { body: { name }, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await getPrisma().customer.count({ where: { name } })).toBe(1);
  });

  it("refuses an empty name naming the field, and a key without customers:write", async () => {
    const empty = await api.request(writer, "POST", "/api/v1/customers", { body: { name: "   " } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toHaveProperty("name");
    const refused = await api.request(reader, "POST", "/api/v1/customers", { body: { name: unique("Nope") } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "missing_scope", fields: { scope: "customers:write" } });
  });
});

describe("a customer's install key", () => {
  it("is read by any technician's key, and rotated by an admin's only, as in the console", async () => {
    const customer = await createCustomerRow();
    const read = await api.request(reader, "GET", `/api/v1/customers/${customer.id}/install-key`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ customerId: customer.id, installKey: customer.installKey, rotatedAt: null });

    const technician = await api.request(writer, "POST", `/api/v1/customers/${customer.id}/install-key/rotate`);
    expect(technician.status).toBe(403);
    expect(technician.body.error.code).toBe("forbidden");
    const readOnly = await api.request(reader, "POST", `/api/v1/customers/${customer.id}/install-key/rotate`);
    expect(readOnly.body.error).toMatchObject({ code: "missing_scope", fields: { scope: "customers:write" } });

    const rotated = await api.request(admin, "POST", `/api/v1/customers/${customer.id}/install-key/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.installKey).not.toBe(customer.installKey);
    expect(rotated.body.rotatedAt).toEqual(expect.any(String));
    const again = await api.request(reader, "GET", `/api/v1/customers/${customer.id}/install-key`);
    expect(again.body).toEqual(rotated.body);
    expect(
      await getPrisma().auditEvent.count({
        where: { subject: `customer:${customer.id}`, action: "customer.install_key_rotated", apiKeyId: admin.id },
      }),
    ).toBe(1);

    const unknown = crypto.randomUUID();
    expect((await api.request(reader, "GET", `/api/v1/customers/${unknown}/install-key`)).status).toBe(404);
    expect((await api.request(admin, "POST", `/api/v1/customers/${unknown}/install-key/rotate`)).status).toBe(404);
    expect((await api.request(devicesOnly, "GET", `/api/v1/customers/${customer.id}/install-key`)).status).toBe(403);
  });
});
