import { getPrisma } from "@helpline/db";
import { createCustomerRow, createDeviceRow } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTest, type ApiTest, type TestApiKey } from "../testing/with-api.ts";

let api: ApiTest;
let writer: TestApiKey;
let devicesOnly: TestApiKey;
beforeAll(async () => {
  api = await startApiTest();
  writer = await api.createKey({ scopes: ["helpdesk:write"] });
  devicesOnly = await api.createKey({ scopes: ["devices:read"] });
});
afterAll(() => api.close());

const activeOf = async (deviceId: string) =>
  (await getPrisma().device.findUniqueOrThrow({ where: { id: deviceId }, select: { currentProfile: true } }))
    .currentProfile?.helpdeskActive ?? null;

describe("POST /api/v1/helpdesk/activation", () => {
  it("activates ticked devices as Apply does, saying per device what happened, audited with the key's name", async () => {
    const customer = await createCustomerRow();
    const workstation = await createDeviceRow({ customerId: customer.id });
    const mac = await createDeviceRow({ customerId: customer.id, platform: "macos" });
    const empty = await createDeviceRow({ customerId: customer.id, profile: null });
    const unknown = crypto.randomUUID();
    const body = {
      action: "activate",
      selection: { kind: "devices", deviceIds: [workstation.id, mac.id, empty.id, unknown] },
    };
    const answer = await api.request(writer, "POST", "/api/v1/helpdesk/activation", { body });
    expect(answer.status).toBe(200);
    expect(answer.body.counts).toEqual({
      activated: 1,
      already_active: 0,
      deactivated: 0,
      already_inactive: 0,
      skipped: 2,
    });
    const byId = new Map(answer.body.results.map((result: { deviceId: string }) => [result.deviceId, result]));
    expect(byId.get(workstation.id)).toEqual({
      deviceId: workstation.id,
      hostname: workstation.hostname,
      profile: "CONTOSO\\alice",
      outcome: "activated",
    });
    expect(byId.get(mac.id)).toMatchObject({ outcome: "skipped", reason: "not_windows_workstation" });
    expect(byId.get(empty.id)).toMatchObject({ outcome: "skipped", reason: "nobody_signed_in", profile: null });
    expect(answer.body.unknownDeviceIds).toEqual([unknown]);
    expect(await activeOf(workstation.id)).toBe(true);
    const audit = await getPrisma().auditEvent.findFirstOrThrow({
      where: { subject: `device:${workstation.id}`, action: "helpdesk.activated" },
    });
    expect(audit).toMatchObject({
      actorId: writer.technician.id,
      apiKeyId: writer.id,
      apiKeyName: writer.name,
      data: { mode: "bulk" },
    });

    const again = await api.request(writer, "POST", "/api/v1/helpdesk/activation", { body });
    expect(again.body.counts).toMatchObject({ activated: 0, already_active: 1, skipped: 2 });
  });

  it("deactivates every device a filter matches, across pages of the list", async () => {
    const customer = await createCustomerRow();
    const devices = [];
    for (let index = 0; index < 3; index++)
      devices.push(await createDeviceRow({ customerId: customer.id, helpdeskActive: true }));
    const other = await createDeviceRow({ customerId: (await createCustomerRow()).id, helpdeskActive: true });
    const answer = await api.request(writer, "POST", "/api/v1/helpdesk/activation", {
      body: { action: "deactivate", selection: { kind: "filter", filter: { customerId: customer.id } } },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.counts).toMatchObject({ deactivated: 3 });
    expect(answer.body.unknownDeviceIds).toEqual([]);
    for (const device of devices) expect(await activeOf(device.id)).toBe(false);
    expect(await activeOf(other.id)).toBe(true);
  });

  it("refuses an unknown action or an empty selection naming the field, and a key without helpdesk:write", async () => {
    const device = await createDeviceRow({ customerId: (await createCustomerRow()).id });
    const action = await api.request(writer, "POST", "/api/v1/helpdesk/activation", {
      body: { action: "toggle", selection: { kind: "devices", deviceIds: [device.id] } },
    });
    expect(action.status).toBe(400);
    expect(action.body.error.fields).toHaveProperty("action");
    const none = await api.request(writer, "POST", "/api/v1/helpdesk/activation", {
      body: { action: "activate", selection: { kind: "devices", deviceIds: [] } },
    });
    expect(none.status).toBe(400);
    expect(none.body.error.fields).toHaveProperty(["selection.deviceIds"]);
    const refused = await api.request(devicesOnly, "POST", "/api/v1/helpdesk/activation", {
      body: { action: "activate", selection: { kind: "devices", deviceIds: [device.id] } },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "missing_scope", fields: { scope: "helpdesk:write" } });
    expect(await activeOf(device.id)).toBe(false);
  });
});
