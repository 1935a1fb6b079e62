import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openAdapter } from "../adapter-factory.ts";
import { getPrisma } from "../client.ts";
import { createScratchDatabase, withDatabaseEnv, type ScratchDatabase } from "../testing/index.ts";
import { applyMigrations, isUpToDate, MigrationHistoryError } from "./apply-migrations.ts";
import { readMigrationsList } from "./migrations-list.ts";
import { MIGRATIONS_DIR } from "./paths.ts";

const committed = fs
  .readdirSync(MIGRATIONS_DIR)
  .filter((name) => /^\d{14}_/.test(name))
  .sort();
const scratches: ScratchDatabase[] = [];

async function freshDatabase() {
  const scratch = await createScratchDatabase({ serverUrl: process.env.DATABASE_URL || undefined, label: "migrate" });
  scratches.push(scratch);
  return scratch;
}

afterEach(async () => {
  await Promise.all(scratches.splice(0).map((scratch) => scratch.drop()));
});

describe("applyMigrations", () => {
  it(
    "applies every committed migration to a fresh database, then has nothing left to do",
    { timeout: 90_000 },
    async () => {
      const { config } = await freshDatabase();
      expect(committed.length).toBeGreaterThan(0);
      expect((await applyMigrations({ config })).applied).toEqual(committed);
      expect((await applyMigrations({ config })).applied).toEqual([]);
    },
  );

  it("refuses to migrate when an applied migration was edited afterwards", { timeout: 90_000 }, async () => {
    const { config } = await freshDatabase();
    const migrationsDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-migrations-"));
    fs.cpSync(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    await applyMigrations({ config, migrationsDir });

    const first = path.join(migrationsDir, committed[0]!, "migration.sql");
    fs.appendFileSync(first, "\n-- edited after it was applied\n");
    await expect(applyMigrations({ config, migrationsDir })).rejects.toThrow(MigrationHistoryError);
    await expect(applyMigrations({ config, migrationsDir })).rejects.toThrow(committed[0]!);
    fs.rmSync(migrationsDir, { recursive: true, force: true });
  });

  it(
    "scoping ticket keys per profile keeps agent tickets made before it findable by their profile",
    { timeout: 120_000 },
    async () => {
      const scratch = await freshDatabase();
      const migrationsDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-migrations-"));
      const scoping = committed.find((name) => name.endsWith("_ticket_idempotency_per_profile"))!;
      for (const name of committed.slice(0, committed.indexOf(scoping)))
        fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(migrationsDir, name), { recursive: true });
      await applyMigrations({ config: scratch.config, migrationsDir });
      // Written with SQL: the generated client already knows the new columns.
      const profile = "CONTOSO\\alice";
      await withDatabaseEnv(scratch.env, async () => {
        const prisma = getPrisma();
        await prisma.$executeRaw`INSERT INTO "Customer" (id, name, "installKey", "updatedAt") VALUES ('00000000-0000-4000-8000-000000000001', 'Contoso', 'key', now())`;
        await prisma.$executeRaw`INSERT INTO "Device" (id, "customerId", "machineId", hostname, "osPlatform", "osName", "osVersion", "osKind", "agentVersion", "agentTokenHash")
        VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'm', 'PC', 'windows', 'Windows', '1', 'workstation', '1.0.0', 'hash')`;
        await prisma.$executeRaw`INSERT INTO "DeviceProfile" (id, "deviceId", name) VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', ${profile})`;
        await prisma.$executeRaw`INSERT INTO "Ticket" (id, "customerId", "deviceId", title, description, source, snapshot, "idempotencyKey")
        VALUES ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'Printer', '', 'agent', ${JSON.stringify({ user: profile })}::jsonb, 'key-before-upgrade')`;
      });
      fs.rmSync(migrationsDir, { recursive: true, force: true });
      expect((await applyMigrations({ config: scratch.config })).applied).toEqual(
        committed.slice(committed.indexOf(scoping)),
      );
      await withDatabaseEnv(scratch.env, async () => {
        expect(
          await getPrisma().ticket.findUniqueOrThrow({ where: { id: "00000000-0000-4000-8000-000000000004" } }),
        ).toMatchObject({ profileId: "00000000-0000-4000-8000-000000000003", requestHash: null });
      });
    },
  );
});

describe("isUpToDate", () => {
  it(
    "tells a database that holds every committed migration, as the engine wrote them, from one that needs the engine",
    { timeout: 90_000 },
    async () => {
      const { config } = await freshDatabase();
      const migrationsList = readMigrationsList(MIGRATIONS_DIR);
      const check = async (list = migrationsList) => {
        const adapter = openAdapter(config);
        try {
          return await isUpToDate(adapter.factory, list);
        } finally {
          await adapter.close();
        }
      };
      expect(await check()).toBe(false);
      await applyMigrations({ config });
      expect(await check()).toBe(true);

      // A migration edited afterwards, or one more to apply: the engine's turn.
      const [first, ...rest] = migrationsList.migrationDirectories;
      const edited = {
        ...first!,
        migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: "-- edited\n" } },
      };
      expect(await check({ ...migrationsList, migrationDirectories: [edited, ...rest] })).toBe(false);
      expect(
        await check({
          ...migrationsList,
          migrationDirectories: [...migrationsList.migrationDirectories, { ...first!, path: "29991231000000_next" }],
        }),
      ).toBe(false);
    },
  );
});
