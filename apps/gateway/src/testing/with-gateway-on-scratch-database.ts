import { applyMigrations } from "@helpline/db/migrate";
import { createScratchDatabase, withDatabaseEnv } from "@helpline/db/testing";
import { startGatewayProcess, type GatewayProcess } from "./gateway-process.ts";

/**
 * For tests of what crosses processes: a migrated scratch database of its own (`label` names it)
 * on the run's PostgreSQL, a gateway in a child process on it (a port from `ports`), and `work`
 * run with this process's database calls pointed at the same database. Fails as soon as the
 * gateway dies; stops the gateway and drops the database afterwards, whatever happened.
 *
 * A database of its own because the child is a whole gateway, whose mail sender would otherwise
 * deliver the mail that other test files, running beside this one, wait for on the shared database.
 */
export async function withGatewayOnScratchDatabase(
  options: { label: string; ports: { from: number; to: number } },
  work: (gateway: GatewayProcess) => Promise<void>,
): Promise<void> {
  const scratch = await createScratchDatabase({ serverUrl: process.env.DATABASE_URL, label: options.label });
  try {
    await applyMigrations({ config: scratch.config });
    const gateway = await startGatewayProcess(scratch.env, options.ports);
    try {
      await Promise.race([gateway.died, withDatabaseEnv(scratch.env, () => work(gateway))]);
    } finally {
      await gateway.stop();
    }
  } finally {
    await scratch.drop();
  }
}
