import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "../testing/index.ts";
import { applyMigrations, MigrationHistoryError } from "./apply-migrations.ts";
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
