import { createHash } from "node:crypto";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import { openAdapter } from "../adapter-factory.ts";
import { getDatabaseAdapter } from "../client.ts";
import type { DatabaseConfig } from "../database-config.ts";
import { readMigrationsList, NO_FILTERS } from "./migrations-list.ts";
import { MIGRATIONS_DIR, SCHEMA_PATH } from "./paths.ts";
import { withSchemaEngine } from "./schema-engine.ts";

export class MigrationHistoryError extends Error {
  override name = "MigrationHistoryError";
}

/**
 * Applies the committed migrations that the database has not seen yet (what `prisma migrate
 * deploy` does). A migration that was edited after it was applied is refused: the database no
 * longer matches its history and a human must decide.
 *
 * Without `config` it works on the process's own database through the process-wide adapter (see
 * client.ts), so a serving process opens the embedded database once. The schema engine (a WASM
 * module and its heap, which stay in the process once loaded) is only loaded when the history
 * table says there is something to do.
 */
export async function applyMigrations(
  options: {
    config?: DatabaseConfig;
    migrationsDir?: string;
  } = {},
): Promise<{ applied: string[] }> {
  const migrationsList = readMigrationsList(options.migrationsDir ?? MIGRATIONS_DIR);
  const adapter = options.config ? openAdapter(options.config) : getDatabaseAdapter();
  try {
    if (await isUpToDate(adapter.factory, migrationsList)) return { applied: [] };
    return await withSchemaEngine({ adapterFactory: adapter.factory, schemaPath: SCHEMA_PATH }, async (engine) => {
      const diagnosis = await engine.diagnoseMigrationHistory({
        migrationsList,
        optInToShadowDatabase: false,
        filters: NO_FILTERS,
      });
      if (diagnosis.editedMigrationNames.length > 0) {
        throw new MigrationHistoryError(
          `Refusing to migrate: these applied migrations were edited afterwards: ${diagnosis.editedMigrationNames.join(", ")}. ` +
            "Restore them as they were applied and put the change in a new migration.",
        );
      }
      if (diagnosis.failedMigrationNames.length > 0) {
        throw new MigrationHistoryError(
          `Refusing to migrate: these migrations failed earlier and need a look: ${diagnosis.failedMigrationNames.join(", ")}.`,
        );
      }
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
      return { applied: appliedMigrationNames };
    });
  } finally {
    if (options.config) await adapter.close();
  }
}

/**
 * True when Prisma's history table (`_prisma_migrations`) holds exactly the committed migrations,
 * each finished, never rolled back and with the checksum of its file as committed (the SHA-256 of
 * migration.sql, as the engine computes it). Anything else, including a database without the
 * table, is the engine's to diagnose and apply.
 */
export async function isUpToDate(
  factory: SqlMigrationAwareDriverAdapterFactory,
  migrationsList: MigrationList,
): Promise<boolean> {
  const driver = await factory.connect();
  try {
    const history = await driver
      .queryRaw({
        sql: 'SELECT migration_name, checksum, (finished_at IS NOT NULL AND rolled_back_at IS NULL) AS done FROM "_prisma_migrations"',
        args: [],
        argTypes: [],
      })
      .catch(() => null);
    if (!history) return false;
    const recorded = new Map(
      history.rows.map(([name, checksum, done]) => [String(name), done === true ? String(checksum) : null]),
    );
    return (
      recorded.size === history.rows.length &&
      recorded.size === migrationsList.migrationDirectories.length &&
      migrationsList.migrationDirectories.every(({ path, migrationFile: { content } }) => {
        return content.tag === "ok" && recorded.get(path) === createHash("sha256").update(content.value).digest("hex");
      })
    );
  } finally {
    await driver.dispose();
  }
}
