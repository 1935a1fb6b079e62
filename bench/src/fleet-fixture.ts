import { getPrisma } from "@helpline/db";
import { applyMigrations } from "@helpline/db/migrate";
import { createScratchDatabase, withDatabaseEnv, type ScratchDatabase } from "@helpline/db/testing";

export const BENCH_INVENTORY = {
  agentVersion: "1.0.0",
  hostname: "PC-BENCH",
  os: { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" },
  ip: "10.0.0.1",
  currentProfile: { name: "BENCH\\user", displayName: "Bench User" },
} as const;

/** Device i's bearer token: what the SQL below hashes, so no enroll round trip is needed per device. */
export const benchToken = (index: number) => `bench-token-${String(index).padStart(12, "0")}`;

/**
 * A fresh database (PostgreSQL when DATABASE_URL is set, else PGlite) with `count` devices spread
 * over `customers` customers, inserted in bulk. Returns the scratch database to start a server on.
 */
export async function seedFleet(options: {
  count: number;
  customers: number;
  label: string;
  withProfiles?: boolean;
}): Promise<ScratchDatabase> {
  const database = await createScratchDatabase({
    serverUrl: process.env.DATABASE_URL || undefined,
    label: options.label,
  });
  try {
    await applyMigrations({ config: database.config });
    await seed(database, options);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}

async function seed(
  database: ScratchDatabase,
  options: { count: number; customers: number; withProfiles?: boolean },
): Promise<void> {
  await withDatabaseEnv(database.env, async () => {
    const prisma = getPrisma();
    await prisma.$executeRaw`
      INSERT INTO "Customer" (id, name, "installKey", "updatedAt")
      SELECT gen_random_uuid(), 'Bench customer ' || c, 'bench-key-' || c, now() FROM generate_series(1, ${options.customers}::int) AS c`;
    // Each device: its token's SHA-256 in base64url (what the gateway looks up), the same
    // inventory as BENCH_INVENTORY, and a spread of last-seen times and OS for list filters.
    await prisma.$executeRaw`
      INSERT INTO "Device" (id, "customerId", "machineId", hostname, "osPlatform", "osName", "osVersion", "osKind", ip, "agentVersion", "agentTokenHash", "lastSeenAt")
      SELECT gen_random_uuid(), c.id, 'bench-machine-' || g, 'PC-BENCH',
             'windows', 'Windows 11 Pro', '10.0.22631', 'workstation', '10.0.0.1', '1.0.0',
             translate(rtrim(encode(sha256(convert_to('bench-token-' || lpad(g::text, 12, '0'), 'UTF8')), 'base64'), '='), '+/', '-_'),
             now() - make_interval(secs => (g % 600))
      FROM generate_series(0, ${options.count - 1}::int) AS g
      JOIN (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM "Customer") AS c ON c.n = g % ${options.customers}::int`;
    if (!options.withProfiles) return;
    // BENCH_INVENTORY's user signed in on every device, as after a first check-in.
    await prisma.$executeRaw`
      INSERT INTO "DeviceProfile" (id, "deviceId", name, "displayName") SELECT gen_random_uuid(), id, ${BENCH_INVENTORY.currentProfile.name}, ${BENCH_INVENTORY.currentProfile.displayName} FROM "Device"`;
    await prisma.$executeRaw`
      UPDATE "Device" d SET "currentProfileId" = p.id FROM "DeviceProfile" p WHERE p."deviceId" = d.id`;
  });
}
