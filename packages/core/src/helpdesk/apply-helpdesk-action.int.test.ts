import { getPrisma } from "@helpline/db";
import { createCustomerRow, createDeviceRow, createTechnicianRow } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { bumpHelpdeskState } from "./bump-helpdesk-state.ts";
import { recordDeviceInventory } from "../devices/record-device-inventory.ts";
import { applyHelpdeskAction } from "./apply-helpdesk-action.ts";
import { setDeviceHelpdesk } from "./set-device-helpdesk.ts";
import { setHelpdeskPolicy } from "./set-helpdesk-policy.ts";

const technician = async () => ({ id: (await createTechnicianRow()).id, role: "technician" as const });
const profileOf = (deviceId: string, name: string) =>
  getPrisma().deviceProfile.findUniqueOrThrow({ where: { deviceId_name: { deviceId, name } } });
const versionOf = async (deviceId: string) =>
  (await getPrisma().device.findUniqueOrThrow({ where: { id: deviceId } })).helpdeskStateVersion;

describe("activating the Helpdesk Agent on one device", () => {
  it("activates the signed-in profile, bumps the device's state, and audits who did it", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    // Offline for an hour: the vendor refuses this, we apply it at the next check-in.
    const device = await createDeviceRow({ customerId: customer.id, lastSeenAt: new Date(Date.now() - 3_600_000) });
    expect(await setDeviceHelpdesk({ actor, input: { deviceId: device.id, action: "activate" } })).toMatchObject({
      outcome: "activated",
      profile: "CONTOSO\\alice",
    });
    expect((await profileOf(device.id, "CONTOSO\\alice")).helpdeskActive).toBe(true);
    expect(await versionOf(device.id)).toBe(2);
    const audit = await getPrisma().auditEvent.findFirstOrThrow({
      where: { subject: `device:${device.id}`, action: "helpdesk.activated" },
    });
    expect(audit).toMatchObject({
      actorType: "technician",
      actorId: actor.id,
      data: { profile: "CONTOSO\\alice", mode: "single" },
    });
    expect(audit.at).toEqual((await profileOf(device.id, "CONTOSO\\alice")).helpdeskChangedAt);

    expect(await setDeviceHelpdesk({ actor, input: { deviceId: device.id, action: "activate" } })).toMatchObject({
      outcome: "already_active",
    });
    expect(await versionOf(device.id)).toBe(2);
    expect(await setDeviceHelpdesk({ actor, input: { deviceId: device.id, action: "deactivate" } })).toMatchObject({
      outcome: "deactivated",
    });
    expect((await profileOf(device.id, "CONTOSO\\alice")).helpdeskActive).toBe(false);
  });

  it("refuses servers, non-Windows devices and devices with nobody signed in, saying why", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    const server = await createDeviceRow({ customerId: customer.id, kind: "server" });
    const mac = await createDeviceRow({ customerId: customer.id, platform: "macos" });
    const empty = await createDeviceRow({ customerId: customer.id, profile: null });
    for (const device of [server, mac]) {
      await expect(
        setDeviceHelpdesk({ actor, input: { deviceId: device.id, action: "activate" } }),
      ).rejects.toMatchObject({ message: "Helpdesk Agent is available on Windows workstations only" });
    }
    await expect(setDeviceHelpdesk({ actor, input: { deviceId: empty.id, action: "activate" } })).rejects.toMatchObject(
      { message: "Nobody is signed in on this device" },
    );
    await expect(
      setDeviceHelpdesk({ actor, input: { deviceId: crypto.randomUUID(), action: "activate" } }),
    ).rejects.toMatchObject({ status: 404 });
    expect(
      await getPrisma().auditEvent.count({
        where: { subject: { in: [server.id, mac.id, empty.id].map((id) => `device:${id}`) } },
      }),
    ).toBe(0);
  });
});

describe("bulk Apply", () => {
  it("reports every device's outcome, changes only eligible ones, and is idempotent", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    const ready = await createDeviceRow({ customerId: customer.id });
    const active = await createDeviceRow({ customerId: customer.id, helpdeskActive: true });
    const server = await createDeviceRow({ customerId: customer.id, kind: "server" });
    const empty = await createDeviceRow({ customerId: customer.id, profile: null });
    const input = {
      action: "activate" as const,
      selection: { kind: "filter" as const, filter: { customerId: customer.id, search: "" } },
    };

    const first = await applyHelpdeskAction({ actor, input, mode: "bulk" });
    const byId = Object.fromEntries(first.results.map((result) => [result.deviceId, result]));
    expect(byId[ready.id]).toMatchObject({ outcome: "activated" });
    expect(byId[active.id]).toMatchObject({ outcome: "already_active" });
    expect(byId[server.id]).toMatchObject({ outcome: "skipped", reason: "not_windows_workstation" });
    expect(byId[empty.id]).toMatchObject({ outcome: "skipped", reason: "nobody_signed_in" });
    expect(first.counts).toEqual({ activated: 1, already_active: 1, deactivated: 0, already_inactive: 0, skipped: 2 });

    const again = await applyHelpdeskAction({ actor, input, mode: "bulk" });
    expect(again.counts).toMatchObject({ activated: 0, already_active: 2, skipped: 2 });
    expect(
      await getPrisma().auditEvent.count({ where: { subject: `device:${ready.id}`, action: "helpdesk.activated" } }),
    ).toBe(1);

    const off = await applyHelpdeskAction({
      actor,
      input: { action: "deactivate", selection: { kind: "devices", deviceIds: [ready.id, active.id] } },
      mode: "bulk",
    });
    expect(off.counts).toMatchObject({ deactivated: 2 });
  });
});

describe("under concurrent requests", () => {
  // Read-then-write races show only on PostgreSQL; on PGlite these check the same rules.
  it("Activate sent 5 times at once activates once: one audit line, one state bump, the others say already active", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    const device = await createDeviceRow({ customerId: customer.id });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => setDeviceHelpdesk({ actor, input: { deviceId: device.id, action: "activate" } })),
    );
    expect(results.map((result) => result.outcome).sort()).toEqual([
      "activated",
      "already_active",
      "already_active",
      "already_active",
      "already_active",
    ]);
    expect(
      await getPrisma().auditEvent.count({ where: { subject: `device:${device.id}`, action: "helpdesk.activated" } }),
    ).toBe(1);
    expect(await versionOf(device.id)).toBe(2);
  });

  it("state versions bumped by 10 transactions at once go up by 10 (no lost bump)", async () => {
    const customer = await createCustomerRow();
    const device = await createDeviceRow({ customerId: customer.id });
    await Promise.all(
      Array.from({ length: 10 }, () => getPrisma().$transaction((tx) => bumpHelpdeskState(tx, [device.id]))),
    );
    expect(await versionOf(device.id)).toBe(11);
  });

  it("two bulk Applies over the same 20 devices at once activate each device once between them", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    const devices = await Promise.all(Array.from({ length: 20 }, () => createDeviceRow({ customerId: customer.id })));
    const input = {
      action: "activate" as const,
      selection: { kind: "filter" as const, filter: { customerId: customer.id, search: "" } },
    };
    const [first, second] = await Promise.all([
      applyHelpdeskAction({ actor, input, mode: "bulk" }),
      applyHelpdeskAction({ actor, input, mode: "bulk" }),
    ]);
    expect(first.counts.activated + second.counts.activated).toBe(20);
    expect(first.counts.already_active + second.counts.already_active).toBe(20);
    expect(
      await getPrisma().auditEvent.count({
        where: { subject: { in: devices.map((device) => `device:${device.id}`) }, action: "helpdesk.activated" },
      }),
    ).toBe(20);
    for (const device of devices) expect(await versionOf(device.id)).toBe(2);
  });
});

describe("per-profile rules and the policy", () => {
  it("the policy switched on 5 times at once changes and audits once", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    await Promise.all(
      Array.from({ length: 5 }, () => setHelpdeskPolicy({ actor, input: { customerId: customer.id, enabled: true } })),
    );
    expect(
      await getPrisma().auditEvent.count({
        where: { subject: `customer:${customer.id}`, action: "helpdesk.policy_enabled" },
      }),
    ).toBe(1);
    await setHelpdeskPolicy({ actor, input: { customerId: customer.id, enabled: true } });
    expect(await getPrisma().auditEvent.count({ where: { subject: `customer:${customer.id}` } })).toBe(1);
    await expect(
      setHelpdeskPolicy({ actor, input: { customerId: crypto.randomUUID(), enabled: true } }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("a new profile on the same device is not active; a profile that signs back in keeps its state", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    const device = await createDeviceRow({ customerId: customer.id });
    await setDeviceHelpdesk({ actor, input: { deviceId: device.id, action: "activate" } });
    const inventory = {
      hostname: device.hostname,
      osPlatform: "windows" as const,
      osName: "Windows 11 Pro",
      osVersion: "1",
      osKind: "workstation" as const,
      ip: null,
      agentVersion: "1.0.0",
    };
    await recordDeviceInventory({
      deviceId: device.id,
      inventory: { ...inventory, currentProfile: { name: "CONTOSO\\bob", displayName: null } },
      seenAt: new Date(),
    });
    expect((await profileOf(device.id, "CONTOSO\\bob")).helpdeskActive).toBe(false);
    await recordDeviceInventory({
      deviceId: device.id,
      inventory: { ...inventory, currentProfile: { name: "CONTOSO\\alice", displayName: null } },
      seenAt: new Date(),
    });
    expect((await profileOf(device.id, "CONTOSO\\alice")).helpdeskActive).toBe(true);
  });

  it("with the policy on, a profile seen for the first time on a Windows workstation is active at once", async () => {
    const actor = await technician();
    const customer = await createCustomerRow();
    await setHelpdeskPolicy({ actor, input: { customerId: customer.id, enabled: true } });
    const workstation = await createDeviceRow({ customerId: customer.id, profile: null });
    const server = await createDeviceRow({ customerId: customer.id, kind: "server", profile: null });
    const report = (kind: "workstation" | "server") => ({
      hostname: "PC",
      osPlatform: "windows" as const,
      osName: "Windows",
      osVersion: "1",
      osKind: kind,
      ip: null,
      agentVersion: "1.0.0",
      currentProfile: { name: "CONTOSO\\carol", displayName: "Carol" },
    });
    await recordDeviceInventory({ deviceId: workstation.id, inventory: report("workstation"), seenAt: new Date() });
    await recordDeviceInventory({ deviceId: server.id, inventory: report("server"), seenAt: new Date() });
    expect((await profileOf(workstation.id, "CONTOSO\\carol")).helpdeskActive).toBe(true);
    expect(await versionOf(workstation.id)).toBe(2);
    expect(
      await getPrisma().auditEvent.findFirst({
        where: { subject: `device:${workstation.id}`, action: "helpdesk.activated" },
      }),
    ).toMatchObject({ actorType: "system", data: { mode: "policy" } });
    expect((await profileOf(server.id, "CONTOSO\\carol")).helpdeskActive).toBe(false);
    expect(
      await getPrisma().auditEvent.count({
        where: { subject: `customer:${customer.id}`, action: "helpdesk.policy_enabled" },
      }),
    ).toBe(1);

    // The same first check-in arriving 5 times at once (an agent retrying): one profile, activated and audited once.
    const burst = await createDeviceRow({ customerId: customer.id, profile: null });
    await Promise.all(
      Array.from({ length: 5 }, () =>
        recordDeviceInventory({ deviceId: burst.id, inventory: report("workstation"), seenAt: new Date() }),
      ),
    );
    expect(await getPrisma().deviceProfile.count({ where: { deviceId: burst.id } })).toBe(1);
    expect(
      await getPrisma().auditEvent.count({ where: { subject: `device:${burst.id}`, action: "helpdesk.activated" } }),
    ).toBe(1);
    expect(await versionOf(burst.id)).toBe(2);
  });
});
