import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "../testing/index.ts";
import { openAdapter } from "../adapter-factory.ts";
import { applyMigrations, isUpToDate, MigrationHistoryError } from "./apply-migrations.ts";
import { readMigrationsList } from "./migrations-list.ts";
import { MIGRATIONS_DIR } from "./paths.ts";

const committed = fs.readdirSync(MIGRATIONS_DIR).filter((name) => /^\d{14}_/.test(name)).sort();
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
  it("applies every committed migration to a fresh database, then has nothing left to do", { timeout: 90_000 }, async () => {
    const { config } = await freshDatabase();
    expect(committed.length).toBeGreaterThan(0);
    expect((await applyMigrations({ config })).applied).toEqual(committed);
    expect((await applyMigrations({ config })).applied).toEqual([]);
  });

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
});

describe("isUpToDate", () => {
  it("tells a database that holds every committed migration, as the engine wrote them, from one that needs the engine", { timeout: 90_000 }, async () => {
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
    const edited = { ...first!, migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: "-- edited\n" } } };
    expect(await check({ ...migrationsList, migrationDirectories: [edited, ...rest] })).toBe(false);
    expect(await check({ ...migrationsList, migrationDirectories: [...migrationsList.migrationDirectories, { ...first!, path: "29991231000000_next" }] })).toBe(false);
  });
});
