import { openAdapter, type OpenedAdapter } from "./adapter-factory.ts";
import { resolveDatabaseConfig, type DatabaseConfig } from "./database-config.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

type DatabaseHandle = { prisma: PrismaClient; config: DatabaseConfig; adapter: OpenedAdapter };

// One handle per process, kept on globalThis: Next.js and the gateway may load this module twice
// (ESM and CJS graphs), and PGlite must never be opened twice on the same data directory.
const HANDLE_KEY = Symbol.for("helpline.database");
type GlobalWithHandle = typeof globalThis & { [HANDLE_KEY]?: DatabaseHandle };

function handle(): DatabaseHandle {
  const store = globalThis as GlobalWithHandle;
  const existing = store[HANDLE_KEY];
  if (existing) return existing;
  const config = resolveDatabaseConfig();
  const adapter = openAdapter(config);
  // A burst (200 machines enrolling in the same minute from an RMM script) queues transactions
  // for the pool's 10 connections: let them wait their turn for up to 10 s instead of Prisma's
  // 2 s, after which the caller gets "try again" (503) rather than a queue that never drains.
  const created = {
    prisma: new PrismaClient({ adapter: adapter.factory, transactionOptions: { maxWait: 10_000, timeout: 15_000 } }),
    config,
    adapter,
  };
  store[HANDLE_KEY] = created;
  return created;
}

/** The process-wide Prisma client (PostgreSQL or embedded PGlite, per `DATABASE_URL`). */
export function getPrisma(): PrismaClient {
  return handle().prisma;
}

export function getDatabaseKind(): DatabaseConfig["kind"] {
  return handle().config.kind;
}

/** The process-wide driver adapter: the migration engine works through it on the process's own database. */
export function getDatabaseAdapter(): OpenedAdapter {
  return handle().adapter;
}

/** What `listenToChannel` needs: where the database is, and the embedded instance if any. */
export function getDatabaseEndpoint(): { config: DatabaseConfig; pglite: OpenedAdapter["pglite"] } {
  const { config, adapter } = handle();
  return { config, pglite: adapter.pglite };
}

/** Closes the process-wide client; the next `getPrisma()` opens a new one. */
export async function closePrisma(): Promise<void> {
  const store = globalThis as GlobalWithHandle;
  const existing = store[HANDLE_KEY];
  if (!existing) return;
  delete store[HANDLE_KEY];
  await existing.prisma.$disconnect();
  await existing.adapter.close();
}
