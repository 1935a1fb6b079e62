import { getPrisma } from "@helpline/db";
import { isHelpdeskEligible } from "../helpdesk/helpdesk-rules.ts";
import { recordPolicyActivations } from "../helpdesk/record-policy-activations.ts";
import type { DeviceInventory } from "./find-device-by-token.ts";

/**
 * Writes what a check-in reported when it differs from what is stored: inventory fields, and the
 * signed-in profile (a new one is recorded and becomes the device's current profile; under the
 * customer's policy, a new profile on a Windows workstation is activated at once). One statement,
 * so it is atomic without holding a transaction open: a fleet's first check-ins all arrive at
 * once, and waiting for interactive transactions would turn that storm into errors.
 */
export async function recordDeviceInventory(options: {
  deviceId: string;
  inventory: DeviceInventory;
  seenAt: Date;
}): Promise<void> {
  const { deviceId, inventory, seenAt } = options;
  const { currentProfile, ...fields } = inventory;
  const prisma = getPrisma();
  if (!currentProfile) {
    await prisma.device.update({
      where: { id: deviceId },
      data: { ...fields, currentProfileId: null, lastSeenAt: seenAt, offlineAnnouncedAt: null },
    });
    return;
  }
  const seen = seenAt.toISOString();
  const eligible = isHelpdeskEligible(fields);
  const [row] = await prisma.$queryRaw<{ activatedByPolicy: boolean | null }[]>`
    WITH profile AS (
      INSERT INTO "DeviceProfile" (id, "deviceId", name, "displayName", "firstSeenAt", "lastSeenAt", "helpdeskActive", "helpdeskChangedAt")
      SELECT gen_random_uuid(), d.id, ${currentProfile.name}, ${currentProfile.displayName}, ${seen}::timestamp(3), ${seen}::timestamp(3),
             c."autoActivateHelpdesk" AND ${eligible}::boolean,
             CASE WHEN c."autoActivateHelpdesk" AND ${eligible}::boolean THEN ${seen}::timestamp(3) END
      FROM "Device" d JOIN "Customer" c ON c.id = d."customerId"
      WHERE d.id = ${deviceId}::uuid
      ON CONFLICT ("deviceId", name) DO UPDATE
        SET "displayName" = COALESCE(EXCLUDED."displayName", "DeviceProfile"."displayName"), "lastSeenAt" = EXCLUDED."lastSeenAt"
      RETURNING id, (xmax = 0) AS inserted, "helpdeskActive"
    )
    UPDATE "Device" SET
      hostname = ${fields.hostname}, "osPlatform" = ${fields.osPlatform}::"OsPlatform", "osName" = ${fields.osName},
      "osVersion" = ${fields.osVersion}, "osKind" = ${fields.osKind}::"OsKind", ip = ${fields.ip},
      "agentVersion" = ${fields.agentVersion}, "currentProfileId" = (SELECT id FROM profile), "lastSeenAt" = ${seen}::timestamp(3),
      "offlineAnnouncedAt" = NULL
    WHERE id = ${deviceId}::uuid
    RETURNING (SELECT inserted AND "helpdeskActive" FROM profile) AS "activatedByPolicy"`;
  if (row?.activatedByPolicy)
    await recordPolicyActivations({ deviceId, hostname: fields.hostname, profileNames: [currentProfile.name] });
}
