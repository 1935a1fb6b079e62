import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseConfig } from "./database-config.ts";

export type OpenedAdapter = {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** The embedded database, when that is what runs (it also carries LISTEN/NOTIFY in-process). */
  pglite: PGlite | null;
  /** Releases what the adapter holds (the PGlite instance); the pg pool is closed by Prisma. */
  close: () => Promise<void>;
};

/** One driver adapter for either database, so Prisma and the migration engine share the code path. */
export function openAdapter(config: DatabaseConfig): OpenedAdapter {
  if (config.kind === "postgresql") {
    return { factory: new PrismaPg({ connectionString: config.url, max: 10 }), pglite: null, close: async () => {} };
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const pglite = new PGlite(config.dataDir);
  return {
    factory: new PrismaPGlite(pglite),
    pglite,
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}
