import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E_ADMIN } from "./e2e/e2e-admin";

// One id per run, shared with the workers through the environment: the server under test gets a
// database of its own (scripts/serve-e2e.ts), on PostgreSQL when DATABASE_URL is set.
process.env.HELPLINE_E2E_RUN ??= randomBytes(4).toString("hex");
const port = Number(process.env.HELPLINE_E2E_PORT ?? 3100);
// The Windows installer the console serves in this run: install-agent.e2e.ts puts a file there (or not).
export const E2E_AGENT_MSI = path.join(import.meta.dirname, "../../test-results/e2e-agent-msi/helpline-agent.msi");
// The Windows walk (the MSI installed under Wine, the tray on a Wine desktop) needs Wine: like the
// `windows-wine` vitest project, its project exists only where Wine does, so it is never skipped.
const WINDOWS_WALK = "windows-agent.e2e.ts";
const wineOnPath = spawnSync("sh", ["-c", "command -v wine"], { stdio: "ignore" }).status === 0;
// A walk that mostly waits for a minute of SLA clock to pass (sla-clock.e2e.ts): it runs beside the
// others instead of holding them up, as does the Windows walk. Nothing of theirs reads the MSP-wide
// settings the product walks change (each makes its own customer, calendar and policy).
const SLA_CLOCK = "sla-clock.e2e.ts";

export default defineConfig({
  testDir: "./e2e",
  // The first-run walk sees the empty states of a new installation ("No customers yet", "No mail
  // yet"), so it runs before anything else writes to the run's database.
  projects: [
    { name: "first run", testMatch: "auth.e2e.ts" },
    {
      // One walk at a time: some change what every other walk sees (the MSP's time zone, default
      // SLA policy and language, the unknown-sender policy, its name on the portal).
      name: "product",
      testMatch: "**/*.e2e.ts",
      testIgnore: ["auth.e2e.ts", WINDOWS_WALK, SLA_CLOCK],
      dependencies: ["first run"],
      workers: 1,
    },
    { name: "SLA clock", testMatch: SLA_CLOCK, dependencies: ["first run"] },
    ...(wineOnPath ? [{ name: "windows", testMatch: WINDOWS_WALK, dependencies: ["first run"] }] : []),
  ],
  outputDir: path.join(import.meta.dirname, "../../test-results/e2e"),
  fullyParallel: false,
  workers: 2,
  // As in vitest.config.ts: a test that passes only on its retry is listed as flaky by `npm test`.
  retries: 1,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "npx tsx scripts/serve-e2e.ts",
    cwd: path.join(import.meta.dirname, "../.."),
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(port),
      HELPLINE_ADMIN_EMAIL: E2E_ADMIN.email,
      HELPLINE_ADMIN_PASSWORD: E2E_ADMIN.password,
      HELPLINE_AGENT_MSI: E2E_AGENT_MSI,
      // webhooks.e2e.ts delivers to a receiver it starts on 127.0.0.1.
      HELPLINE_WEBHOOKS_ALLOW_PRIVATE: "1",
    },
  },
});
