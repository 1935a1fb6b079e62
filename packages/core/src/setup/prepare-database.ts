import { config } from "../config/config.ts";
import { applyMigrations } from "@helpline/db/migrate";
import { DEFAULT_CALENDAR_NAME, DEFAULT_POLICY_NAME, ensureDefaultSla } from "../sla/ensure-default-sla.ts";
import { ensureInitialAdmin } from "../technicians/ensure-initial-admin.ts";

/**
 * What every serving process (`npm start`'s server, the gateway alone) does before it listens:
 * bring the schema up to date, make sure someone can sign in, and give a fresh install its default
 * SLA (ensureDefaultSla). `log` gets one line per step, for
 * people: which database, which migrations were applied, and the first admin's generated password
 * (shown this once). Concurrent processes are safe: the schema engine takes an advisory lock and
 * only one process creates the first admin and the default SLA. Throws `MigrationHistoryError` when the database's
 * migration history does not match the committed migrations, and whatever the database throws
 * when it cannot be reached.
 *
 * Lives in core, not in packages/db, because the first admin is a core rule (ensureInitialAdmin)
 * and packages/db must not depend on core; it is a subpath export (`@helpline/core/setup`) so the
 * migration engine never enters the console's Next.js bundles through the main entry.
 */
export async function prepareDatabase(log: (line: string) => void): Promise<void> {
  const { database, admin: initialAdmin } = config();
  log(
    database.kind === "postgresql"
      ? "Database: PostgreSQL (DATABASE_URL)"
      : `Database: embedded PGlite in ${database.dataDir}`,
  );
  const { applied } = await applyMigrations();
  if (applied.length > 0) log(`Applied migrations: ${applied.join(", ")}`);

  const admin = await ensureInitialAdmin(initialAdmin);
  if (admin.created && admin.generatedPassword) {
    log(`Created the first admin: ${admin.email} with the generated password ${admin.generatedPassword}`);
    log("This password is shown only once. Sign in and keep it somewhere safe.");
  } else if (admin.created) {
    log(`Created the first admin: ${admin.email} (password from HELPLINE_ADMIN_PASSWORD)`);
  }

  const sla = await ensureDefaultSla();
  if (sla.created) {
    log(
      `Created the SLA policy "${DEFAULT_POLICY_NAME}" on the calendar "${DEFAULT_CALENDAR_NAME}" (Monday–Friday 09:00–17:00, ${sla.timeZone}): Settings ▸ SLAs`,
    );
  }
}
