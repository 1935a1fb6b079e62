import { resolveDatabaseConfig } from "../database-config.ts";
import { applyMigrations } from "./apply-migrations.ts";
import { createMigration } from "./create-migration.ts";

// `npm run db:migrate` → deploy; `npm run db:migration -- <name>` → create.
const [command, name] = process.argv.slice(2);

async function main(): Promise<number> {
  if (command === "deploy") {
    const config = resolveDatabaseConfig();
    const { applied } = await applyMigrations({ config });
    const where = config.kind === "postgresql" ? "PostgreSQL" : `PGlite at ${config.dataDir}`;
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}`
        : `${where} is up to date.`,
    );
    return 0;
  }
  if (command === "create" && name) {
    const created = await createMigration({ name });
    console.log(
      created ? `Created ${created.path}/migration.sql` : "schema.prisma matches the migrations: nothing to create.",
    );
    return 0;
  }
  console.error("usage: cli.ts deploy | cli.ts create <name>");
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
