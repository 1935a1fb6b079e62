import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

// Unit tests sit next to the code as *.test.ts; integration tests (*.int.test.ts) run against a
// real database: always the embedded PGlite, and also PostgreSQL when DATABASE_URL is set. Each
// run creates its own database and drops it afterwards (vitest.integration-setup.ts).
const INTEGRATION = "{apps,packages}/**/*.int.test.ts";
// Tests that need several processes on one database: PostgreSQL only (PGlite lives in one process).
const POSTGRES_ONLY = "{apps,packages}/**/*.pg.int.test.ts";
const exclude = ["**/node_modules/**", "**/.next/**"];
// helpline-agent.exe under Wine: its own project, only in a run that asks for it with
// HELPLINE_WINE_TESTS=1 (`npm test` does when `wine` is on PATH, as a stage of its own).
const WINE = "apps/agent/windows/**/*.wine.test.ts";

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
    // A worker keeps its modules from one file to the next (no fresh import of the domain, the
    // Prisma client and the mail stack per file: that was a third of the run), so a file must
    // leave no global state behind: each makes its own rows and stops what it starts.
    isolate: false,
    // PGlite is one in-process database: its files share one worker (and one instance).
    ...(parallel ? { maxWorkers: 2 } : { maxWorkers: 1, fileParallelism: false }),
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          // As for the integration projects below: modules are kept from one file to the next.
          isolate: false,
          retry: 1,
          include: ["{apps,packages,bench,scripts}/**/*.test.ts"],
          exclude: [...exclude, INTEGRATION, WINE],
        },
      },
      integration("integration-pglite", false, 1),
      ...(process.env.DATABASE_URL ? [integration("integration-postgresql", true, 2)] : []),
      ...(process.env.HELPLINE_WINE_TESTS === "1"
        ? [
            {
              test: {
                name: "windows-wine",
                sequence: { groupOrder: 3 },
                include: [WINE],
                // Builds the .exe, makes the Wine prefix, starts the gateway: minutes on a cold cache.
                globalSetup: ["./apps/agent/windows/wine-setup.ts"],
                setupFiles: ["./vitest.integration-env.ts"],
                hookTimeout: 600_000,
                testTimeout: 240_000,
                pool: "forks",
                maxWorkers: 1,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
