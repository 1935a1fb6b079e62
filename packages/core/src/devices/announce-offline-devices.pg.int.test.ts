import { getPrisma } from "@helpline/db";
import { createCustomerRow, createDeviceRow, unique } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { announceOfflineDevices } from "./announce-offline-devices.ts";

describe("announceOfflineDevices on PostgreSQL", () => {
  it("announces each absence once when several processes look at the same time", async () => {
    const endpoint = await getPrisma().webhookEndpoint.create({
      data: { url: "https://hooks.example.test/offline-race", events: ["device.offline"], secret: unique("secret") },
    });
    const customer = await createCustomerRow();
    const quiet = await Promise.all(
      Array.from({ length: 20 }, () =>
        createDeviceRow({ customerId: customer.id, lastSeenAt: new Date(Date.now() - 300_000) }),
      ),
    );
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while ((await announceOfflineDevices({ limit: 3 })) > 0);
      }),
    );
    const deliveries = await getPrisma().webhookDelivery.findMany({
      where: { endpointId: endpoint.id },
      select: { event: { select: { data: true } } },
    });
    await getPrisma().webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false } });
    const announced = deliveries
      .map(({ event }) => (event.data as { device: { id: string } }).device.id)
      .filter((id) => quiet.some((device) => device.id === id));
    expect(announced.sort()).toEqual(quiet.map((device) => device.id).sort());
  });
});
