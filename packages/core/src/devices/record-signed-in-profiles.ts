import { getPrisma } from "@helpline/db";
import { isHelpdeskEligible } from "../helpdesk/helpdesk-rules.ts";
import { recordPolicyActivations } from "../helpdesk/record-policy-activations.ts";
import type { DeviceInventory } from "./find-device-by-token.ts";

export type ReportedProfile = {
  name: string;
  displayName: string | null;
  /** On the physical console session; null when the agent did not say. */
  console: boolean | null;
  /** Its user's tray is connected to the agent now; null when the agent cannot tell. */
  trayRunning: boolean | null;
};

/**
 * Keeps the first entry of each name, in the agent's order: one statement may not write a row
 * twice (PostgreSQL refuses ON CONFLICT DO UPDATE on a row it already touched).
 */
export function uniqueReportedProfiles(profiles: ReportedProfile[]): ReportedProfile[] {
  const byName = new Map<string, ReportedProfile>();
  for (const profile of profiles) if (!byName.has(profile.name)) byName.set(profile.name, profile);
  return [...byName.values()];
}

/**
 * Writes the list of signed-in profiles a check-in reported (`profiles`, agents that report every
 * session): each listed profile is recorded like the current profile (a new one appears as not
 * active, or active at once under the customer's policy on a Windows workstation) and marked
 * signed in with its console and tray flags; every other profile of the device is marked signed
 * out. The device's `profilesReportedAt` becomes `seenAt`.
 *
 * One statement, so it is atomic without an interactive transaction (see recordDeviceInventory);
 * rows are written in name order and the device row last, the order every other writer of these
 * rows follows, so parallel check-ins of one device cannot deadlock. Callers pass at most 64
 * profiles (the protocol's bound).
 */
export async function recordSignedInProfiles(options: {
  deviceId: string;
  profiles: ReportedProfile[];
  inventory: Pick<DeviceInventory, "osPlatform" | "osKind" | "hostname">;
  seenAt: Date;
}): Promise<void> {
  const { deviceId, inventory, seenAt } = options;
  const profiles = uniqueReportedProfiles(options.profiles);
  const names = profiles.map((profile) => profile.name);
  const displayNames = profiles.map((profile) => profile.displayName);
  const consoles = profiles.map((profile) => profile.console);
  const trays = profiles.map((profile) => profile.trayRunning);
  const seen = seenAt.toISOString();
  const eligible = isHelpdeskEligible(inventory);
  const prisma = getPrisma();
  const rows = await prisma.$queryRaw<{ name: string }[]>`
    WITH reported AS (
      SELECT l.name, l."displayName", l."onConsole", l."trayRunning", true AS "signedIn"
      FROM unnest(${names}::text[], ${displayNames}::text[], ${consoles}::boolean[], ${trays}::boolean[])
        AS l(name, "displayName", "onConsole", "trayRunning")
      UNION ALL
      SELECT p.name, NULL, NULL, NULL, false
      FROM "DeviceProfile" p
      WHERE p."deviceId" = ${deviceId}::uuid AND p."signedIn" AND p.name <> ALL(${names}::text[])
    ), written AS (
      INSERT INTO "DeviceProfile" (id, "deviceId", name, "displayName", "firstSeenAt", "lastSeenAt", "helpdeskActive",
                                   "helpdeskChangedAt", "signedIn", "onConsole", "trayRunning")
      SELECT gen_random_uuid(), d.id, r.name, r."displayName", ${seen}::timestamp(3), ${seen}::timestamp(3),
             c."autoActivateHelpdesk" AND ${eligible}::boolean,
             CASE WHEN c."autoActivateHelpdesk" AND ${eligible}::boolean THEN ${seen}::timestamp(3) END,
             r."signedIn", r."onConsole", r."trayRunning"
      FROM reported r CROSS JOIN "Device" d JOIN "Customer" c ON c.id = d."customerId"
      WHERE d.id = ${deviceId}::uuid
      ORDER BY r.name
      ON CONFLICT ("deviceId", name) DO UPDATE SET
        "displayName" = COALESCE(EXCLUDED."displayName", "DeviceProfile"."displayName"),
        "lastSeenAt" = CASE WHEN EXCLUDED."signedIn" THEN EXCLUDED."lastSeenAt" ELSE "DeviceProfile"."lastSeenAt" END,
        "signedIn" = EXCLUDED."signedIn", "onConsole" = EXCLUDED."onConsole", "trayRunning" = EXCLUDED."trayRunning"
      RETURNING name, (xmax = 0) AS inserted, "helpdeskActive"
    ), device AS (
      -- The sub-select runs the upsert to its end before this row is locked: profiles first, device last.
      UPDATE "Device" SET "profilesReportedAt" = ${seen}::timestamp(3)
      WHERE id = ${deviceId}::uuid AND (SELECT count(*) FROM written) >= 0
      RETURNING id
    )
    SELECT name FROM written WHERE inserted AND "helpdeskActive" AND EXISTS (SELECT 1 FROM device)`;
  await recordPolicyActivations({ deviceId, hostname: inventory.hostname, profileNames: rows.map((row) => row.name) });
}

/**
 * For an agent that stopped reporting `profiles` (downgraded): nobody is known to be signed in
 * any more, so the console shows "unknown" instead of a stale list. One statement.
 */
export async function forgetSignedInProfiles(deviceId: string): Promise<void> {
  await getPrisma().$executeRaw`
    WITH cleared AS (
      UPDATE "DeviceProfile" SET "signedIn" = false, "onConsole" = NULL, "trayRunning" = NULL
      WHERE "deviceId" = ${deviceId}::uuid AND "signedIn"
      RETURNING id
    )
    UPDATE "Device" SET "profilesReportedAt" = NULL
    WHERE id = ${deviceId}::uuid AND (SELECT count(*) FROM cleared) >= 0`;
}
