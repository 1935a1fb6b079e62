import { applyMigrations } from "@helpline/db/migrate";
import { createScratchDatabase } from "@helpline/db/testing";
import { startGatewayProcess } from "@helpline/gateway/testing/gateway-process";
import type { TestProject } from "vitest/node";
import { buildWindowsAgent, buildWindowsService } from "../build-windows.ts";
import { createWinePrefix, removeWinePrefix } from "./wine.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseEnv: Record<string, string>;
    windowsAgent: { exe: string; serviceExe: string; prefix: string; server: string };
  }
}

/**
 * Once per run of the `windows-wine` project: helpline-agent.exe and helpline-service.exe (built if
 * stale), one fresh Wine
 * prefix, a scratch PostgreSQL database (DATABASE_URL's server: the gateway is its own process,
 * which PGlite cannot share) and the real gateway on it. Teardown undoes all four's processes.
 */
export default async function setup(project: TestProject) {
  if (!process.env.DATABASE_URL) throw new Error("the Wine tests need DATABASE_URL (a PostgreSQL server)");
  const [exe, serviceExe, prefix] = [await buildWindowsAgent(), buildWindowsService(), createWinePrefix()];
  const database = await createScratchDatabase({ serverUrl: process.env.DATABASE_URL, label: "wine" });
  const cleanup: (() => Promise<void> | void)[] = [() => database.drop(), () => removeWinePrefix(prefix)];
  try {
    await applyMigrations({ config: database.config });
    const gateway = await startGatewayProcess(database.env, { from: 3950, to: 3999 });
    cleanup.unshift(() => gateway.stop());
    project.provide("databaseEnv", database.env);
    project.provide("windowsAgent", { exe, serviceExe, prefix, server: gateway.base });
  } catch (error) {
    for (const step of cleanup) await step();
    throw error;
  }
  return async () => {
    for (const step of cleanup) await step();
  };
}
