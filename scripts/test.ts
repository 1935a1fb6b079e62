import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// `npm test`: typecheck, lint, unit and integration tests (PGlite, and PostgreSQL when
// DATABASE_URL is set), then the browser tests against the built app. Every stage runs even when
// an earlier one failed, so one run shows everything; the exit code is non-zero if any failed.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.env.TURBO_TELEMETRY_DISABLED ??= "1";
const REPORTS = path.resolve("test-results");
fs.mkdirSync(REPORTS, { recursive: true });

type Stage = { name: string; command: string[]; env?: Record<string, string>; count?: () => { passed: number; failed: number } };

function readJson<T>(file: string): T | null {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as T) : null;
}

const vitestReport = path.join(REPORTS, "vitest.json");
const playwrightReport = path.join(REPORTS, "playwright.json");

const stages: Stage[] = [
  { name: "typecheck", command: ["npx", "turbo", "run", "typecheck", "--output-logs=errors-only"] },
  { name: "lint", command: ["npx", "eslint", "--max-warnings=0", "."] },
  {
    name: "unit + integration (vitest)",
    command: ["npx", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
    count: () => {
      const report = readJson<{ numPassedTests: number; numFailedTests: number }>(vitestReport);
      return report ? { passed: report.numPassedTests, failed: report.numFailedTests } : { passed: 0, failed: 1 };
    },
  },
  {
    name: "e2e (playwright)",
    command: ["npx", "playwright", "test", "-c", "apps/console/playwright.config.ts"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
    count: () => {
      const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(playwrightReport);
      return report ? { passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky } : { passed: 0, failed: 1 };
    },
  },
];

const only = process.argv.slice(2);
const summary: string[] = [];
let passed = 0;
let failed = 0;
let stageFailed = false;
for (const stage of stages) {
  if (only.length > 0 && !only.some((word) => stage.name.includes(word))) continue;
  console.log(`\n── ${stage.name} ──`);
  const started = Date.now();
  fs.rmSync(vitestReport, { force: true });
  fs.rmSync(playwrightReport, { force: true });
  const [command, ...args] = stage.command;
  const result = spawnSync(command!, args, { stdio: "inherit", env: { ...process.env, ...stage.env } });
  const ok = result.status === 0;
  stageFailed ||= !ok;
  const counts = stage.count?.();
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  summary.push(`${ok ? "ok  " : "FAIL"} ${stage.name} (${seconds} s)${counts ? `: ${counts.passed} passed, ${counts.failed} failed` : ""}`);
}

console.log(`\n── summary (${process.env.DATABASE_URL ? "PGlite + PostgreSQL" : "PGlite only: set DATABASE_URL to add PostgreSQL"}) ──`);
for (const line of summary) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(stageFailed || failed > 0 ? 1 : 0);
