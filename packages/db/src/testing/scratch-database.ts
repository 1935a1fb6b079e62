import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { closePrisma } from "../client.ts";
import type { DatabaseConfig } from "../database-config.ts";

/** `env` is what makes `getPrisma()` in another process open this database. */
export type ScratchDatabase = { config: DatabaseConfig; env: Record<string, string>; drop: () => Promise<void> };

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A brand-new empty database for one test run: on the PostgreSQL server of `serverUrl` when given,
 * else an embedded PGlite directory. Names are unique, so runs never see each other's leftovers.
 */
export async function createScratchDatabase(options: {
  serverUrl?: string | undefined;
  label: string;
}): Promise<ScratchDatabase> {
  const name = `helpline_${options.label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_");
  if (options.serverUrl) {
    const serverUrl = options.serverUrl;
    await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = withDatabase(serverUrl, name);
    return {
      config: { kind: "postgresql", url },
      env: { DATABASE_URL: url },
      drop: () =>
        onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  return {
    config: { kind: "pglite", dataDir: path.join(dataDir, "pglite") },
    env: { DATABASE_URL: "", HELPLINE_DATA_DIR: dataDir },
    drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

/**
 * Runs `run` with the process-wide client pointed at another database (a scratch one, or one that
 * cannot be reached), then switches back. Only for tests that need a database of their own.
 */
export async function withDatabaseEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = {
    DATABASE_URL: process.env.DATABASE_URL ?? "",
    HELPLINE_DATA_DIR: process.env.HELPLINE_DATA_DIR ?? "",
  };
  await closePrisma();
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    await closePrisma();
    Object.assign(process.env, saved);
  }
}
