import { createHash } from "node:crypto";
import { getPrisma } from "@helpline/db";
import { createCustomerRow, createHelpdeskDeviceRow } from "@helpline/db/testing";
import { expect, it } from "vitest";
import { findDeviceByTokenHash, NOTIFICATION_MAX_AGE_MS } from "./find-device-by-token.ts";

const hashOf = (token: string) => createHash("sha256").update(token).digest("base64url");

// The one-statement load against what a check-in needs: every relation, by either token.
it("loads a device with its current profile's identity, signed-in profiles, fresh notifications and past token", async () => {
  const prisma = getPrisma();
  const customer = await createCustomerRow();
  const { device, agentToken, profile, contact } = await createHelpdeskDeviceRow({
    customerId: customer.id,
    fullName: "Alice Martin",
  });
  const now = new Date();
  await prisma.device.update({ where: { id: device.id }, data: { profilesReportedAt: now } });
  await prisma.deviceProfile.update({
    where: { id: profile.id },
    data: { signedIn: true, onConsole: true, trayRunning: true, displayName: "Alice", windowsLocale: "en-US" },
  });
  await prisma.deviceProfile.create({
    data: {
      deviceId: device.id,
      name: "CONTOSO\\bob",
      signedIn: true,
      onConsole: false,
      trayRunning: null,
      windowsLocale: "fr-FR",
    },
  });
  // What each profile's language is decided from (decideProfileLanguage), read with the device.
  await prisma.customer.update({ where: { id: customer.id }, data: { language: "fr" } });
  await prisma.contact.update({ where: { id: contact!.id }, data: { language: "en", languageSource: "windows" } });
  await prisma.deviceProfile.create({ data: { deviceId: device.id, name: "CONTOSO\\carol", signedIn: false } });
  const at = new Date(now.getTime() - 60_000);
  const fresh = await prisma.agentNotification.create({
    data: {
      deviceId: device.id,
      profileId: profile.id,
      kind: "reply",
      ticketNumber: 1042,
      title: "Printer",
      fromName: "Sam",
      createdAt: at,
    },
  });
  await prisma.agentNotification.create({
    data: {
      deviceId: device.id,
      profileId: profile.id,
      kind: "reply",
      ticketNumber: 1041,
      title: "Stale",
      fromName: "Sam",
      createdAt: new Date(now.getTime() - NOTIFICATION_MAX_AGE_MS - 1000),
    },
  });

  const expected = {
    id: device.id,
    customerId: customer.id,
    machineId: device.machineId,
    hardwareId: null,
    tokenRetiresAt: null,
    helpdeskStateVersion: 1,
    helpdeskActive: true,
    identity: { confirmed: true, fullName: "Alice Martin", email: contact!.email },
    currentLanguage: { contact: { language: "en" }, windowsLocale: "en-US" },
    customerLanguage: "fr",
    inventory: {
      hostname: device.hostname,
      osPlatform: "windows",
      osName: "Windows 11 Pro",
      osVersion: "1",
      osKind: "workstation",
      ip: null,
      agentVersion: "1.0.0",
      currentProfile: { name: "CONTOSO\\alice", displayName: "Alice" },
    },
    signedInProfiles: [
      {
        name: "CONTOSO\\alice",
        displayName: "Alice",
        console: true,
        trayRunning: true,
        helpdeskActive: true,
        identity: { confirmed: true, fullName: "Alice Martin", email: contact!.email },
        language: { contact: { language: "en" }, windowsLocale: "en-US" },
      },
      {
        name: "CONTOSO\\bob",
        displayName: null,
        console: false,
        trayRunning: null,
        helpdeskActive: false,
        identity: null,
        language: { contact: null, windowsLocale: "fr-FR" },
      },
    ],
    notifications: [
      { id: fresh.id, kind: "reply", profile: "CONTOSO\\alice", ticketNumber: 1042, title: "Printer", from: "Sam", at },
    ],
  };
  expect(await findDeviceByTokenHash(hashOf(agentToken), now)).toEqual(expected);

  // A superseded token answers during its grace, with when it retires; after it, nothing.
  const retiresAt = new Date(now.getTime() + 30_000);
  await prisma.deviceToken.create({ data: { tokenHash: hashOf("old-token"), deviceId: device.id, retiresAt } });
  expect(await findDeviceByTokenHash(hashOf("old-token"), now)).toEqual({
    ...expected,
    tokenRetiresAt: retiresAt.getTime(),
  });
  expect(await findDeviceByTokenHash(hashOf("old-token"), new Date(retiresAt.getTime() + 1))).toBeNull();
  expect(await findDeviceByTokenHash(hashOf("unknown-token"), now)).toBeNull();

  // Profiles never reported: null, not an empty list (a check-in without `profiles` compares so).
  await prisma.device.update({ where: { id: device.id }, data: { profilesReportedAt: null } });
  expect((await findDeviceByTokenHash(hashOf(agentToken), now))?.signedInProfiles).toBeNull();
});
