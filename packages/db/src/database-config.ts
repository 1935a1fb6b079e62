import path from "node:path";

/** Where the data lives: a PostgreSQL server, or the embedded PGlite database on local disk. */
export type DatabaseConfig = { kind: "postgresql"; url: string } | { kind: "pglite"; dataDir: string };

const DEFAULT_DATA_DIR = ".helpline";

/** `DATABASE_URL` set → PostgreSQL; unset → PGlite under `HELPLINE_DATA_DIR` (default `./.helpline`). */
export function resolveDatabaseConfig(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: "postgresql", url };
  const dataDir = path.resolve(/*turbopackIgnore: true*/ env.HELPLINE_DATA_DIR?.trim() || DEFAULT_DATA_DIR);
  return { kind: "pglite", dataDir: path.join(dataDir, "pglite") };
}
