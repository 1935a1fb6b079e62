import { applyMigrations } from "@helpline/db/migrate";
import { createScratchDatabase } from "@helpline/db/testing";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    databaseEnv: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const onPostgres = project.name === "integration-postgresql";
  const database = await createScratchDatabase({
    serverUrl: onPostgres ? process.env.DATABASE_URL : undefined,
    label: "it",
  });
  await applyMigrations({ config: database.config });
  project.provide("databaseEnv", database.env);
  return () => database.drop();
}
