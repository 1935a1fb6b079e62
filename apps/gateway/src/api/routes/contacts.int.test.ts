import { getPrisma } from "@helpline/db";
import { createCustomerRow, createHelpdeskDeviceRow, unique } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTest, type ApiTest, type TestApiKey } from "../testing/with-api.ts";

let api: ApiTest;
let reader: TestApiKey;
let writer: TestApiKey;
let devicesOnly: TestApiKey;
beforeAll(async () => {
  api = await startApiTest();
  reader = await api.createKey({ scopes: ["customers:read"] });
  writer = await api.createKey({ scopes: ["customers:read", "customers:write"] });
  devicesOnly = await api.createKey({ scopes: ["devices:read"] });
});
afterAll(() => api.close());

const createContact = (customerId: string, fullName: string, email = `${unique("contact")}@example.test`) =>
  getPrisma().contact.create({ data: { customerId, fullName, email } });

describe("GET /api/v1/contacts", () => {
  it("pages through one customer's contacts, each once, by name, with where they confirmed", async () => {
    const customer = await createCustomerRow();
    const { contact: confirmed, device } = await createHelpdeskDeviceRow({
      customerId: customer.id,
      fullName: "Carol Jones",
    });
    for (const name of ["Erin Diaz", "Alan Brown", "Dave Evans", "Bob Clark"]) await createContact(customer.id, name);
    await createContact((await createCustomerRow()).id, "Aaron Other");
    const seen = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `customerId=${customer.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const answer = await api.request(reader, "GET", `/api/v1/contacts?${query}`);
      expect(answer.status).toBe(200);
      seen.push(...answer.body.data);
      cursor = answer.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((contact) => contact.fullName)).toEqual([
      "Alan Brown",
      "Bob Clark",
      "Carol Jones",
      "Dave Evans",
      "Erin Diaz",
    ]);
    expect(seen[2]).toEqual({
      id: confirmed!.id,
      customer: { id: customer.id, name: customer.name },
      fullName: "Carol Jones",
      email: confirmed!.email,
      isMainContact: false,
      emailOnReplies: true,
      emailBouncedAt: null,
      emailBounceReason: null,
      language: null,
      languageSource: null,
      createdAt: confirmed!.createdAt.toISOString(),
      profiles: [{ name: "CONTOSO\\alice", device: { id: device.id, hostname: device.hostname } }],
    });
  });

  it("searches name and address in any case; refuses a bad customerId naming it, and a key without customers:read", async () => {
    const customer = await createCustomerRow();
    const domain = unique("acme");
    await createContact(customer.id, "Frank Green", `frank@${domain}.test`);
    await createContact(customer.id, "Grace Hall");
    const byAddress = await api.request(reader, "GET", `/api/v1/contacts?search=${domain.toUpperCase()}`);
    expect(byAddress.body.data.map((contact: { fullName: string }) => contact.fullName)).toEqual(["Frank Green"]);
    const byName = await api.request(reader, "GET", `/api/v1/contacts?customerId=${customer.id}&search=hALL`);
    expect(byName.body.data.map((contact: { fullName: string }) => contact.fullName)).toEqual(["Grace Hall"]);
    const bad = await api.request(reader, "GET", "/api/v1/contacts?customerId=acme");
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty("customerId");
    const refused = await api.request(devicesOnly, "GET", "/api/v1/contacts");
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "missing_scope", fields: { scope: "customers:read" } });
  });
});

describe("GET /api/v1/contacts/{id}", () => {
  it("answers one contact, 404 for an unknown id", async () => {
    const contact = await createContact((await createCustomerRow()).id, "Heidi Irwin");
    const answer = await api.request(reader, "GET", `/api/v1/contacts/${contact.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: contact.id, fullName: "Heidi Irwin", email: contact.email, profiles: [] });
    const unknown = await api.request(reader, "GET", `/api/v1/contacts/${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    expect((await api.request(devicesOnly, "GET", `/api/v1/contacts/${contact.id}`)).status).toBe(403);
  });
});

describe("a contact's language", () => {
  it("answers the contact's own language and who set it, null while they follow their customer's", async () => {
    const customer = await createCustomerRow();
    await getPrisma().customer.update({ where: { id: customer.id }, data: { language: "fr" } });
    const follows = await createContact(customer.id, "Lena Moreau");
    const chosen = await getPrisma().contact.create({
      data: {
        customerId: customer.id,
        fullName: "Marc Petit",
        email: `${unique("marc")}@example.test`,
        language: "fr",
        languageSource: "chosen",
      },
    });
    const windows = await getPrisma().contact.create({
      data: {
        customerId: customer.id,
        fullName: "Nina Roux",
        email: `${unique("nina")}@example.test`,
        language: "en",
        languageSource: "windows",
      },
    });
    const answer = await api.request(reader, "GET", `/api/v1/contacts?customerId=${customer.id}`);
    expect(answer.status).toBe(200);
    expect(
      answer.body.data.map((contact: { id: string; language: string | null; languageSource: string | null }) => [
        contact.id,
        contact.language,
        contact.languageSource,
      ]),
    ).toEqual([
      [follows.id, null, null],
      [chosen.id, "fr", "chosen"],
      [windows.id, "en", "windows"],
    ]);
    const one = await api.request(reader, "GET", `/api/v1/contacts/${windows.id}`);
    expect(one.body).toMatchObject({ language: "en", languageSource: "windows" });
    const customerAnswer = await api.request(reader, "GET", `/api/v1/customers/${customer.id}`);
    expect(customerAnswer.body).toMatchObject({ id: customer.id, language: "fr" });
  });
});

describe("PATCH /api/v1/contacts/{id}", () => {
  it("makes a contact the main contact and back, audited once per change with the key's name", async () => {
    const customer = await createCustomerRow();
    const contact = await createContact(customer.id, "Ivan Jones");
    for (const isMainContact of [true, true, false]) {
      const answer = await api.request(writer, "PATCH", `/api/v1/contacts/${contact.id}`, { body: { isMainContact } });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: contact.id, isMainContact });
    }
    const audit = await getPrisma().auditEvent.findMany({
      where: { subject: `customer:${customer.id}` },
      orderBy: { at: "asc" },
      select: { action: true, actorId: true, apiKeyId: true, apiKeyName: true },
    });
    const line = { actorId: writer.technician.id, apiKeyId: writer.id, apiKeyName: writer.name };
    expect(audit).toEqual([
      { action: "contact.main_set", ...line },
      { action: "contact.main_unset", ...line },
    ]);
  });

  it("refuses a body without isMainContact naming it, an unknown contact, and a key without customers:write", async () => {
    const contact = await createContact((await createCustomerRow()).id, "Judy King");
    const empty = await api.request(writer, "PATCH", `/api/v1/contacts/${contact.id}`, { body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toHaveProperty("isMainContact");
    const unknown = await api.request(writer, "PATCH", `/api/v1/contacts/${crypto.randomUUID()}`, {
      body: { isMainContact: true },
    });
    expect(unknown.status).toBe(404);
    const refused = await api.request(reader, "PATCH", `/api/v1/contacts/${contact.id}`, {
      body: { isMainContact: true },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "missing_scope", fields: { scope: "customers:write" } });
    expect((await getPrisma().contact.findUniqueOrThrow({ where: { id: contact.id } })).isMainContact).toBe(false);
  });
});
