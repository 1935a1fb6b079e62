import { getPrisma } from "@helpline/db";
import { createCustomerRow, createDeviceRow, createHelpdeskDeviceRow } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTest, type ApiTest, type TestApiKey } from "../testing/with-api.ts";

let api: ApiTest;
let reader: TestApiKey;
let customersOnly: TestApiKey;
beforeAll(async () => {
  api = await startApiTest();
  reader = await api.createKey({ scopes: ["devices:read"] });
  customersOnly = await api.createKey({ scopes: ["customers:read"] });
});
afterAll(() => api.close());

const hourAgo = () => new Date(Date.now() - 3_600_000);

describe("GET /api/v1/devices", () => {
  it("pages through a customer's offline devices, each once, by hostname", async () => {
    const customer = await createCustomerRow();
    const offline = [];
    for (let index = 0; index < 5; index++)
      offline.push(await createDeviceRow({ customerId: customer.id, lastSeenAt: hourAgo() }));
    await createDeviceRow({ customerId: customer.id });
    const seen: { id: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `customerId=${customer.id}&status=offline&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const answer = await api.request(reader, "GET", `/api/v1/devices?${query}`);
      expect(answer.status).toBe(200);
      seen.push(...answer.body.data);
      cursor = answer.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((device) => device.id)).toEqual(
      [...offline].sort((a, b) => (a.hostname < b.hostname ? -1 : 1)).map((device) => device.id),
    );
    const first = offline.find((device) => device.id === seen[0]!.id)!;
    expect(seen[0]).toEqual({
      id: first.id,
      hostname: first.hostname,
      customer: { id: customer.id, name: customer.name },
      os: { platform: "windows", name: "Windows 11 Pro", version: "1", kind: "workstation" },
      ip: null,
      agentVersion: "1.0.0",
      firstSeenAt: first.firstSeenAt.toISOString(),
      lastSeenAt: first.lastSeenAt.toISOString(),
      online: false,
      helpdesk: "not_active",
      currentProfile: { name: "CONTOSO\\alice", displayName: null, helpdeskActive: false },
      possibleClone: null,
    });
  });

  it("filters by helpdesk state and hostname; refuses a bad filter naming it, and a key without devices:read", async () => {
    const customer = await createCustomerRow();
    const { device: confirmed } = await createHelpdeskDeviceRow({ customerId: customer.id });
    await createHelpdeskDeviceRow({ customerId: customer.id, confirmed: false });
    await createDeviceRow({ customerId: customer.id, platform: "linux", profile: null });
    const answer = await api.request(reader, "GET", `/api/v1/devices?customerId=${customer.id}&helpdesk=confirmed`);
    expect(answer.body.data.map((device: { id: string }) => device.id)).toEqual([confirmed.id]);
    expect(answer.body.data[0]).toMatchObject({ helpdesk: "confirmed", online: true });
    const linux = await api.request(reader, "GET", `/api/v1/devices?customerId=${customer.id}&os=linux`);
    expect(linux.body.data).toEqual([expect.objectContaining({ currentProfile: null, helpdesk: "not_active" })]);
    const byHostname = await api.request(reader, "GET", `/api/v1/devices?search=${confirmed.hostname.toLowerCase()}`);
    expect(byHostname.body.data.map((device: { id: string }) => device.id)).toEqual([confirmed.id]);
    for (const bad of ["status=asleep", "os=beos", "helpdesk=maybe", "customerId=42"]) {
      const refused = await api.request(reader, "GET", `/api/v1/devices?${bad}`);
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields).toHaveProperty(bad.split("=")[0]!);
    }
    const refused = await api.request(customersOnly, "GET", "/api/v1/devices");
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "missing_scope", fields: { scope: "devices:read" } });
  });

  it("pages past devices whose hostnames are 255 characters in a non-Latin script (long cursors)", async () => {
    const customer = await createCustomerRow();
    const made = [];
    for (const character of ["漢", "字", "語"]) {
      const device = await createDeviceRow({ customerId: customer.id });
      made.push(
        await getPrisma().device.update({ where: { id: device.id }, data: { hostname: character.repeat(255) } }),
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `customerId=${customer.id}&limit=1${cursor ? `&cursor=${cursor}` : ""}`;
      const answer = await api.request(reader, "GET", `/api/v1/devices?${query}`);
      expect(answer.status).toBe(200);
      seen.push(...answer.body.data.map((device: { id: string }) => device.id));
      cursor = answer.body.nextCursor;
      if (cursor) expect(cursor.length).toBeGreaterThan(1000);
    } while (cursor);
    expect(seen.sort()).toEqual(made.map((device) => device.id).sort());
  });
});

describe("GET /api/v1/devices/{id}", () => {
  it("answers a device with its user profiles and who confirmed on them; 404 for an unknown id", async () => {
    const customer = await createCustomerRow();
    const { device, contact, profile } = await createHelpdeskDeviceRow({ customerId: customer.id });
    const other = await getPrisma().deviceProfile.create({
      data: { deviceId: device.id, name: "CONTOSO\\bob", lastSeenAt: hourAgo() },
    });
    const answer = await api.request(reader, "GET", `/api/v1/devices/${device.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: device.id,
      hostname: device.hostname,
      customer: { id: customer.id },
      online: true,
      helpdesk: "confirmed",
      sessionsReported: false,
      possibleClones: [],
    });
    expect(answer.body.profiles).toEqual([
      {
        id: profile.id,
        name: "CONTOSO\\alice",
        displayName: null,
        current: true,
        helpdeskActive: true,
        helpdesk: "confirmed",
        contact: { id: contact!.id, fullName: contact!.fullName, email: contact!.email },
        firstSeenAt: profile.firstSeenAt.toISOString(),
        lastSeenAt: profile.lastSeenAt.toISOString(),
        signedIn: false,
        onConsole: null,
        trayRunning: null,
      },
      expect.objectContaining({ id: other.id, current: false, helpdesk: "not_active", contact: null }),
    ]);
    const unknown = await api.request(reader, "GET", `/api/v1/devices/${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    expect((await api.request(customersOnly, "GET", `/api/v1/devices/${device.id}`)).status).toBe(403);
  });
});
