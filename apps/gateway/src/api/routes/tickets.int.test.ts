import { getPrisma } from "@helpline/db";
import { createCustomerRow, createTechnicianRow, createTicketRow } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTest, type ApiTest, type TestApiKey } from "../testing/with-api.ts";

let api: ApiTest;
let reader: TestApiKey;
let writer: TestApiKey;
beforeAll(async () => {
  api = await startApiTest();
  reader = await api.createKey({ scopes: ["tickets:read"] });
  writer = await api.createKey({ scopes: ["tickets:read", "tickets:write"] });
});
afterAll(() => api.close());

describe("GET /api/v1/tickets", () => {
  it("pages through a customer's tickets with limit and cursor, each once, latest activity first", async () => {
    const customer = await createCustomerRow();
    const made = [];
    for (let index = 0; index < 5; index++) made.push(await createTicketRow({ customerId: customer.id }));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `customerId=${customer.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const answer = await api.request(reader, "GET", `/api/v1/tickets?${query}`);
      expect(answer.status).toBe(200);
      seen.push(...answer.body.data.map((ticket: { id: string }) => ticket.id));
      cursor = answer.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(made.map((ticket) => ticket.id).reverse());
  });

  it("filters like the console (status, priority) and refuses a cursor it did not give out", async () => {
    const customer = await createCustomerRow();
    await createTicketRow({ customerId: customer.id, priority: "high" });
    await createTicketRow({ customerId: customer.id, status: "resolved" });
    const high = await api.request(reader, "GET", `/api/v1/tickets?customerId=${customer.id}&priority=high`);
    expect(high.body.data).toHaveLength(1);
    expect(high.body.data[0]).toMatchObject({ priority: "high", status: "open", customer: { id: customer.id } });
    const all = await api.request(reader, "GET", `/api/v1/tickets?customerId=${customer.id}&status=all`);
    expect(all.body.data).toHaveLength(2);
    const bad = await api.request(reader, "GET", "/api/v1/tickets?cursor=bm90LW91cnM");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "invalid_cursor", fields: { cursor: expect.any(String) } });
    const filter = await api.request(reader, "GET", "/api/v1/tickets?customerId=abc");
    expect(filter.status).toBe(400);
    expect(filter.body.error.fields).toHaveProperty("customerId");
    const limit = await api.request(reader, "GET", "/api/v1/tickets?limit=500");
    expect(limit.status).toBe(400);
    expect(limit.body.error.fields).toHaveProperty("limit");
  });
});

describe("ticket writes through the API", () => {
  it("opens a ticket, audited with the key's name, and answers it whole", async () => {
    const customer = await createCustomerRow();
    const answer = await api.request(writer, "POST", "/api/v1/tickets", {
      body: { customerId: customer.id, title: "  VPN drops every hour  ", priority: "high" },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      title: "VPN drops every hour",
      priority: "high",
      status: "open",
      source: "api",
      customer: { id: customer.id },
      messages: [],
    });
    const audit = await getPrisma().auditEvent.findFirstOrThrow({
      where: { subject: `ticket:${answer.body.id}` },
      select: { actorId: true, apiKeyId: true, apiKeyName: true },
    });
    expect(audit).toEqual({ actorId: writer.technician.id, apiKeyId: writer.id, apiKeyName: writer.name });
  });

  it("changes status, priority, assignee and customer, replies and adds a note", async () => {
    const customer = await createCustomerRow();
    const other = await createCustomerRow();
    const assignee = await createTechnicianRow();
    const ticket = await createTicketRow({ customerId: customer.id });
    const path = `/api/v1/tickets/${ticket.id}`;
    const changed = await api.request(writer, "PATCH", path, {
      body: { status: "pending", priority: "critical", assigneeId: assignee.id },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: "pending", priority: "critical", assignee: { id: assignee.id } });
    const unassigned = await getPrisma().ticket.create({
      data: { title: "Mail from a stranger", description: "", status: "open", priority: "medium", source: "email" },
    });
    const filed = await api.request(writer, "PATCH", `/api/v1/tickets/${unassigned.id}`, {
      body: { customerId: other.id },
    });
    expect(filed.body.customer).toEqual({ id: other.id, name: other.name });

    const reply = await api.request(writer, "POST", `${path}/replies`, {
      body: { body: "Restarting the spooler now." },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      kind: "reply",
      body: "Restarting the spooler now.",
      author: { type: "technician" },
    });
    const note = await api.request(writer, "POST", `${path}/notes`, { body: { body: "Driver 3.2 is broken." } });
    expect(note.body).toMatchObject({ kind: "note" });
    const read = await api.request(reader, "GET", path);
    expect(read.body.messages.map((message: { kind: string }) => message.kind)).toEqual(["reply", "note"]);
  });

  it("refuses what the key or the input does not allow, in the JSON error shape", async () => {
    const customer = await createCustomerRow();
    const ticket = await createTicketRow({ customerId: customer.id });
    const scoped = await api.request(reader, "POST", `/api/v1/tickets/${ticket.id}/notes`, { body: { body: "x" } });
    expect(scoped.status).toBe(403);
    expect(scoped.body.error).toMatchObject({ code: "missing_scope", fields: { scope: "tickets:write" } });
    const empty = await api.request(writer, "PATCH", `/api/v1/tickets/${ticket.id}`, { body: {} });
    expect(empty.status).toBe(400);
    const blank = await api.request(writer, "POST", `/api/v1/tickets/${ticket.id}/replies`, { body: { body: "   " } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toMatch(/body/);
    const missing = await api.request(reader, "GET", `/api/v1/tickets/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    const notUuid = await api.request(reader, "GET", "/api/v1/tickets/42");
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.error.fields).toHaveProperty("id");
    const unknownCustomer = await api.request(writer, "POST", "/api/v1/tickets", {
      body: { customerId: crypto.randomUUID(), title: "Hello" },
    });
    expect(unknownCustomer.status).toBe(400);
    expect(unknownCustomer.body.error.code).toBe("invalid_customer");
  });
});
