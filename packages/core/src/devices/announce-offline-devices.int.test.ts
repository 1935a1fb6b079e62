import { getPrisma } from "@helpline/db";
import { createCustomerRow, createDeviceRow, unique } from "@helpline/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceOfflineDevices } from "./announce-offline-devices.ts";
import { flushLastSeen } from "./flush-last-seen.ts";

let endpointId: string;
beforeAll(async () => {
  const endpoint = await getPrisma().webhookEndpoint.create({
    data: { url: "https://hooks.example.test/offline", events: ["device.offline"], secret: unique("secret") },
  });
  endpointId = endpoint.id;
});
afterAll(async () => {
  await getPrisma().webhookEndpoint.update({ where: { id: endpointId }, data: { enabled: false } });
});

// Other test files make devices too: only this device's events count.
async function offlineEvents(deviceId: string) {
  const deliveries = await getPrisma().webhookDelivery.findMany({
    where: { endpointId, event: { type: "device.offline" } },
    select: { event: { select: { data: true } } },
  });
  return deliveries.filter(({ event }) => (event.data as { device: { id: string } }).device.id === deviceId);
}

const announceAll = async () => {
  while ((await announceOfflineDevices()) > 0);
};

describe("announceOfflineDevices", () => {
  it("announces a device that stopped checking in once per absence, and again after it came back and left", async () => {
    const customer = await createCustomerRow();
    const quiet = await createDeviceRow({ customerId: customer.id, lastSeenAt: new Date(Date.now() - 120_000) });
    const online = await createDeviceRow({ customerId: customer.id });
    await announceAll();
    await announceAll();
    const [event] = await offlineEvents(quiet.id);
    expect(await offlineEvents(quiet.id)).toHaveLength(1);
    expect(event!.event.data).toEqual({
      device: { id: quiet.id, hostname: quiet.hostname, customer: { id: customer.id, name: customer.name } },
    });
    expect(await offlineEvents(online.id)).toEqual([]);

    // It checks in (the gateway's buffered last-seen), then goes quiet again.
    await flushLastSeen(new Map([[quiet.id, new Date()]]));
    await announceAll();
    expect(await offlineEvents(quiet.id)).toHaveLength(1);
    await getPrisma().device.update({ where: { id: quiet.id }, data: { lastSeenAt: new Date(Date.now() - 120_000) } });
    await announceAll();
    expect(await offlineEvents(quiet.id)).toHaveLength(2);
  });
});
