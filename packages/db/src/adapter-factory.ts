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

/**
 * The embedded server's settings: PGlite's own, plus a smaller buffer pool. PostgreSQL's default
 * 128 MB of shared_buffers lives inside the WASM heap, where it is never handed back; the embedded
 * database serves one small team, and the files it reads stay in the operating system's cache
 * anyway. Measured with `npm run bench -- server`.
 */
const EMBEDDED_START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

/** One driver adapter for either database, so Prisma and the migration engine share the code path. */
export function openAdapter(config: DatabaseConfig): OpenedAdapter {
  if (config.kind === "postgresql") {
    return { factory: new PrismaPg({ connectionString: config.url, max: 10 }), pglite: null, close: async () => {} };
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const pglite = new PGlite(config.dataDir, { startParams: EMBEDDED_START_PARAMS });
  return {
    factory: new PrismaPGlite(pglite),
    pglite,
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}
