import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readMigrationsList } from "./migrations-list.ts";

describe("readMigrationsList", () => {
  it("lists migration folders in order and reports a folder without migration.sql", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-list-"));
    fs.mkdirSync(path.join(dir, "20260102000000_second"));
    fs.writeFileSync(path.join(dir, "20260102000000_second", "migration.sql"), "SELECT 2;");
    fs.mkdirSync(path.join(dir, "20260101000000_first"));
    fs.writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');

    const list = readMigrationsList(dir);
    expect(list.migrationDirectories.map((entry) => entry.path)).toEqual([
      "20260101000000_first",
      "20260102000000_second",
    ]);
    expect(list.migrationDirectories[0]!.migrationFile.content.tag).toBe("error");
    expect(list.migrationDirectories[1]!.migrationFile.content).toEqual({ tag: "ok", value: "SELECT 2;" });
    expect(list.lockfile.content).toContain("postgresql");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
