import { config, ensureInitialAdmin } from "@helpline/core";
import { applyMigrations } from "@helpline/db/migrate";

/**
 * What every serving process does before it listens: bring the schema up to date and make sure
 * someone can sign in. Concurrent processes are safe: the schema engine takes an advisory lock and
 * only one process creates the first admin.
 */
export async function prepareDatabase(log: (line: string) => void): Promise<void> {
  const { database, admin: initialAdmin } = config();
  log(database.kind === "postgresql" ? "Database: PostgreSQL (DATABASE_URL)" : `Database: embedded PGlite in ${database.dataDir}`);
  const { applied } = await applyMigrations();
  if (applied.length > 0) log(`Applied migrations: ${applied.join(", ")}`);

  const admin = await ensureInitialAdmin(initialAdmin);
  if (admin.created && admin.generatedPassword) {
    log(`Created the first admin: ${admin.email} with the generated password ${admin.generatedPassword}`);
    log("This password is shown only once. Sign in and keep it somewhere safe.");
  } else if (admin.created) {
    log(`Created the first admin: ${admin.email} (password from HELPLINE_ADMIN_PASSWORD)`);
  }
}
