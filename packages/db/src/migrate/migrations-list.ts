import fs from "node:fs";
import path from "node:path";
import type { MigrationList, SchemaFilter } from "@prisma/schema-engine-wasm";

export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

const LOCKFILE = "migration_lock.toml";

/** The committed migrations as the schema engine wants them: every folder's migration.sql, in order. */
export function readMigrationsList(migrationsDir: string): MigrationList {
  fs.mkdirSync(migrationsDir, { recursive: true });
  const lockfilePath = path.join(migrationsDir, LOCKFILE);
  const migrationDirectories = fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      const content = fs.existsSync(file)
        ? ({ tag: "ok", value: fs.readFileSync(file, "utf8") } as const)
        : ({ tag: "error", value: `${file} is missing` } as const);
      return { path: name, migrationFile: { path: "migration.sql", content } };
    });
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE, content: fs.existsSync(lockfilePath) ? fs.readFileSync(lockfilePath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}
