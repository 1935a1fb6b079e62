import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

// Unit tests sit next to the code as *.test.ts; integration tests (*.int.test.ts) run against a
// real database: always the embedded PGlite, and also PostgreSQL when DATABASE_URL is set. Each
// run creates its own database and drops it afterwards (vitest.integration-setup.ts).
const INTEGRATION = "{apps,packages}/**/*.int.test.ts";
// Tests that need several processes on one database: PostgreSQL only (PGlite lives in one process).
const POSTGRES_ONLY = "{apps,packages}/**/*.pg.int.test.ts";
const exclude = ["**/node_modules/**", "**/.next/**"];

const integration = (name: string, parallel: boolean, groupOrder: number): TestProjectInlineConfiguration => ({
  test: {
    name,
    exclude: parallel ? exclude : [...exclude, POSTGRES_ONLY],
    // Projects with different worker counts run one after the other.
    sequence: { groupOrder },
    include: [INTEGRATION],
    globalSetup: ["./vitest.integration-setup.ts"],
    setupFiles: ["./vitest.integration-env.ts"],
    testTimeout: 30_000,
    // One retry, so one unlucky moment on a busy CI machine does not sink a run; a test that
    // needed it is listed as flaky in the summary of `npm test` (scripts/test.ts), to be fixed.
    retry: 1,
    hookTimeout: 60_000,
    pool: "forks",
    // PGlite is one in-process database: its files share one worker (and one instance).
    ...(parallel ? { maxWorkers: 2 } : { maxWorkers: 1, isolate: false, fileParallelism: false }),
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          retry: 1,
          include: ["{apps,packages,bench,scripts}/**/*.test.ts"],
          exclude: [...exclude, INTEGRATION],
        },
      },
      integration("integration-pglite", false, 1),
      ...(process.env.DATABASE_URL ? [integration("integration-postgresql", true, 2)] : []),
    ],
  },
});
