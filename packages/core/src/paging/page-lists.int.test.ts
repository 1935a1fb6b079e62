import { getPrisma } from "@helpline/db";
import { createCustomerRow, createDeviceRow, createTechnicianRow, unique } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { ZPageAuditEventsInput } from "../audit/audit-input.ts";
import { pageAuditEvents } from "../audit/page-audit-events.ts";
import { ZPageContactsInput } from "../contacts/contact-input.ts";
import { pageContacts } from "../contacts/page-contacts.ts";
import { ZPageCustomersInput } from "../customers/customer-input.ts";
import { pageCustomers } from "../customers/page-customers.ts";
import { ZPageDevicesInput } from "../devices/device-input.ts";
import { pageDevices } from "../devices/page-devices.ts";
import type { Page } from "./page-cursor.ts";

/** Every page of a list, following nextCursor from the first page until it is null. */
async function pageAll<Row>(page: (cursor: string | undefined) => Promise<Page<Row>>): Promise<Row[][]> {
  const pages: Row[][] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    pages.push(next.data);
    cursor = next.nextCursor ?? undefined;
  } while (cursor && pages.length < 20);
  return pages;
}

const invalidCursor = {
  name: "DomainError",
  code: "invalid_cursor",
  status: 400,
  fields: { cursor: expect.any(String) },
};

describe("paging customers", () => {
  it("returns every customer once, by name then id, across 3 pages; search matches part of the name in any case", async () => {
    const tag = unique("Paging");
    // Two customers share a name: the id orders them, and the cursor must not skip or repeat one.
    const names = ["Delta", "Alpha", "Charlie", "Bravo", "Bravo", "Echo", "Foxtrot"].map((name) => `${tag} ${name}`);
    const created = [];
    for (const name of names) created.push(await createCustomerRow({ name }));
    await createCustomerRow({ name: unique("Other") });
    const pages = await pageAll((cursor) =>
      pageCustomers({ input: ZPageCustomersInput.parse({ search: tag.toLowerCase(), limit: 3, cursor }) }),
    );
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    const seen = pages.flat();
    const expected = [...created].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
    expect(seen.map((customer) => customer.id)).toEqual(expected.map((customer) => customer.id));
    expect(seen[0]).toMatchObject({ deviceCount: 0, contactCount: 0, autoActivateHelpdesk: false });
  });

  it("counts a customer's devices and contacts", async () => {
    const customer = await createCustomerRow();
    await createDeviceRow({ customerId: customer.id });
    await createDeviceRow({ customerId: customer.id });
    await getPrisma().contact.create({
      data: { customerId: customer.id, fullName: "Ann", email: `${unique("ann")}@example.test` },
    });
    const page = await pageCustomers({ input: ZPageCustomersInput.parse({ search: customer.name }) });
    expect(page).toEqual({
      data: [expect.objectContaining({ id: customer.id, deviceCount: 2, contactCount: 1 })],
      nextCursor: null,
    });
  });

  it("refuses a cursor that is garbage, edited or made by another list", async () => {
    const tag = unique("Cursor");
    for (const name of ["A", "B"]) await createCustomerRow({ name: `${tag} ${name}` });
    const first = await pageCustomers({ input: ZPageCustomersInput.parse({ search: tag, limit: 1 }) });
    const cursor = first.nextCursor!;
    const edited = `${cursor.slice(0, 5)}${cursor[5] === "A" ? "B" : "A"}${cursor.slice(6)}`;
    const device = await createDeviceRow({ customerId: (await createCustomerRow()).id });
    await createDeviceRow({ customerId: device.customerId });
    const devicesCursor = (
      await pageDevices({ input: ZPageDevicesInput.parse({ customerId: device.customerId, limit: 1 }) })
    ).nextCursor!;
    for (const bad of ["garbage", edited, devicesCursor])
      await expect(
        pageCustomers({ input: ZPageCustomersInput.parse({ search: tag, cursor: bad }) }),
      ).rejects.toMatchObject(invalidCursor);
    expect(ZPageCustomersInput.safeParse({ limit: 0 }).success).toBe(false);
    expect(ZPageCustomersInput.safeParse({ limit: 101 }).success).toBe(false);
    expect(ZPageCustomersInput.parse({}).limit).toBe(25);
  });
});

describe("paging contacts", () => {
  it("returns every contact of a customer once, by name then id, across 3 pages; search matches name or address", async () => {
    const customer = await createCustomerRow();
    const other = await createCustomerRow();
    const tag = unique("corp");
    const contacts = [];
    for (const fullName of ["Zoe", "Adam", "Mia", "Mia", "Bea", "Lu", "Kai"])
      contacts.push(
        await getPrisma().contact.create({
          data: { customerId: customer.id, fullName, email: `${unique(fullName.toLowerCase())}@${tag}.test` },
        }),
      );
    await getPrisma().contact.create({ data: { customerId: other.id, fullName: "Adam", email: `adam@${tag}.test` } });
    const pages = await pageAll((cursor) =>
      pageContacts({ input: ZPageContactsInput.parse({ customerId: customer.id, limit: 3, cursor }) }),
    );
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    const expected = [...contacts].sort((a, b) =>
      a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : a.id < b.id ? -1 : 1,
    );
    expect(pages.flat().map((contact) => contact.id)).toEqual(expected.map((contact) => contact.id));
    expect(pages[0]![0]).toMatchObject({ customer: { id: customer.id, name: customer.name }, profiles: [] });

    const byAddress = await pageContacts({ input: ZPageContactsInput.parse({ search: tag.toUpperCase() }) });
    expect(byAddress.data).toHaveLength(8);
    const byName = await pageContacts({ input: ZPageContactsInput.parse({ customerId: customer.id, search: "mI" }) });
    expect(byName.data.map((contact) => contact.fullName)).toEqual(["Mia", "Mia"]);
    await expect(
      pageContacts({
        input: ZPageContactsInput.parse({ customerId: customer.id, cursor: "AAAAAAAAAAAAAAAAAAAAAAAAAAAA" }),
      }),
    ).rejects.toMatchObject(invalidCursor);
    expect(ZPageContactsInput.safeParse({ customerId: "nope" }).success).toBe(false);
  });
});

describe("paging devices", () => {
  it("returns every matching device once, by hostname then id, across 3 pages, with the Devices list's filters", async () => {
    const customer = await createCustomerRow();
    const hourAgo = new Date(Date.now() - 3_600_000);
    const offline = [];
    for (let index = 0; index < 7; index++)
      offline.push(await createDeviceRow({ customerId: customer.id, lastSeenAt: hourAgo }));
    const online = await createDeviceRow({ customerId: customer.id, helpdeskActive: true });
    await createDeviceRow({ customerId: (await createCustomerRow()).id, lastSeenAt: hourAgo });
    const pages = await pageAll((cursor) =>
      pageDevices({
        input: ZPageDevicesInput.parse({ customerId: customer.id, status: "offline", limit: 3, cursor }),
      }),
    );
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    const expected = [...offline].sort((a, b) => (a.hostname < b.hostname ? -1 : 1));
    expect(pages.flat().map((device) => device.id)).toEqual(expected.map((device) => device.id));
    expect(pages[0]![0]).toMatchObject({ online: false, helpdesk: "not_active", customer: { id: customer.id } });

    const onlineOnly = await pageDevices({
      input: ZPageDevicesInput.parse({ customerId: customer.id, status: "online" }),
    });
    expect(onlineOnly.data).toEqual([
      expect.objectContaining({ id: online.id, online: true, helpdesk: "awaiting_identity", possibleClone: null }),
    ]);
    const byHostname = await pageDevices({
      input: ZPageDevicesInput.parse({ search: online.hostname.toLowerCase() }),
    });
    expect(byHostname.data.map((device) => device.id)).toEqual([online.id]);
    expect(ZPageDevicesInput.safeParse({ status: "sleeping" }).success).toBe(false);
  });
});

describe("paging the audit log", () => {
  it("is for admins only, newest first across 3 pages, filtered by action prefix and time, naming who acted", async () => {
    const admin = await createTechnicianRow({ role: "admin" });
    const actor = { id: admin.id, role: "admin" as const };
    const technician = { id: (await createTechnicianRow()).id, role: "technician" as const };
    const prefix = `${unique("test")}.`;
    const base = Date.parse("2026-01-10T12:00:00.000Z");
    // Two events in one millisecond: the id breaks the tie, and paging must keep both.
    const ats = [0, 1000, 1000, 2000, 3000, 4000, 5000].map((offset) => new Date(base + offset));
    const events = [];
    for (const [index, at] of ats.entries())
      events.push(
        await getPrisma().auditEvent.create({
          data: {
            actorType: index === 0 ? "system" : "technician",
            actorId: index === 0 ? null : admin.id,
            apiKeyId: index === 1 ? crypto.randomUUID() : null,
            apiKeyName: index === 1 ? "PSA sync" : null,
            action: `${prefix}${index % 2 === 0 ? "even" : "odd"}`,
            at,
          },
        }),
      );
    const input = (extra: Record<string, unknown>) => ZPageAuditEventsInput.parse({ action: prefix, ...extra });
    const pages = await pageAll((cursor) => pageAuditEvents({ actor, input: input({ limit: 3, cursor }) }));
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    const expected = [...events].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));
    expect(pages.flat().map((event) => event.id)).toEqual(expected.map((event) => event.id));
    const byId = new Map(pages.flat().map((event) => [event.id, event]));
    expect(byId.get(events[0]!.id)).toMatchObject({
      actor: { type: "system", id: null, name: "System" },
      apiKey: null,
    });
    expect(byId.get(events[1]!.id)).toMatchObject({
      actor: { type: "technician", id: admin.id, name: admin.name },
      apiKey: { id: events[1]!.apiKeyId, name: "PSA sync" },
    });

    const odd = await pageAuditEvents({ actor, input: input({ action: `${prefix}odd` }) });
    expect(odd.data.map((event) => event.id).sort()).toEqual([events[1]!.id, events[3]!.id, events[5]!.id].sort());
    const window = await pageAuditEvents({
      actor,
      input: input({ since: "2026-01-10T13:00:01+01:00", until: "2026-01-10T12:00:04Z" }),
    });
    expect(window.data.map((event) => event.at.toISOString())).toEqual([
      "2026-01-10T12:00:03.000Z",
      "2026-01-10T12:00:02.000Z",
      "2026-01-10T12:00:01.000Z",
      "2026-01-10T12:00:01.000Z",
    ]);

    await expect(pageAuditEvents({ actor: technician, input: input({}) })).rejects.toMatchObject({
      code: "forbidden",
      status: 403,
    });
    const customersCursor = (
      await pageCustomers({ input: ZPageCustomersInput.parse({ search: "Customer", limit: 1 }) })
    ).nextCursor!;
    await expect(pageAuditEvents({ actor, input: input({ cursor: customersCursor }) })).rejects.toMatchObject(
      invalidCursor,
    );
    expect(ZPageAuditEventsInput.safeParse({ since: "yesterday" }).success).toBe(false);
  });
});
