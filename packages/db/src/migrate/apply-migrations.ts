import { openAdapter } from "../adapter-factory.ts";
import { resolveDatabaseConfig, type DatabaseConfig } from "../database-config.ts";
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
 */
export async function applyMigrations(options: {
  config?: DatabaseConfig;
  migrationsDir?: string;
} = {}): Promise<{ applied: string[] }> {
  const config = options.config ?? resolveDatabaseConfig();
  const migrationsList = readMigrationsList(options.migrationsDir ?? MIGRATIONS_DIR);
  const adapter = openAdapter(config);
  try {
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
    await adapter.close();
  }
}
