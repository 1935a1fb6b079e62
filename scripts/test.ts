import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { firstLines, type VitestOutcome } from "./vitest-outcome-reporter.ts";

// `npm test`: typecheck, lint, unit and integration tests (PGlite, and PostgreSQL when
// DATABASE_URL is set), then the browser tests against the built app. Every stage runs even when
// an earlier one failed, so one run shows everything; the exit code is non-zero if any failed.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.env.TURBO_TELEMETRY_DISABLED ??= "1";
const REPORTS = path.resolve("test-results");
fs.mkdirSync(REPORTS, { recursive: true });

// A stage's counts, its failed tests with the start of their error, and the tests that passed only
// on a retry: CI keeps only the tail of the output, so the summary must say what failed.
type Outcome = { passed: number; failed: number; failures: string[]; flaky: string[] };
// `skip`: why the stage cannot run on this machine (a summary line says so), or null to run it.
// `alongsideNext`: runs at the same time as the stage after it (its output is printed when both
// are done), for a stage that leaves the machine room to spare while the next one runs.
type Stage = {
  name: string;
  command: string[];
  env?: Record<string, string>;
  outcome?: () => Outcome;
  skip?: () => string | null;
  alongsideNext?: boolean;
};

function readJson<T>(file: string): T | null {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as T) : null;
}

const vitestReport = path.join(REPORTS, "vitest-outcome.json");
const wineReport = path.join(REPORTS, "vitest-outcome-wine.json");
const playwrightReport = path.join(REPORTS, "playwright.json");

const onPath = (program: string) => spawnSync("sh", ["-c", `command -v ${program}`], { stdio: "ignore" }).status === 0;
const vitestOutcome = (file: string) => (): Outcome =>
  readJson<VitestOutcome>(file) ?? {
    passed: 0,
    failed: 1,
    failures: ["vitest wrote no outcome (it crashed before the end)"],
    flaky: [],
  };

const stages: Stage[] = [
  { name: "typecheck", command: ["npx", "turbo", "run", "typecheck", "--output-logs=errors-only"] },
  { name: "lint", command: ["npm", "run", "--silent", "lint"] },
  {
    // helpline-agent.exe under Wine (apps/agent/windows): needs Wine, and PostgreSQL for the
    // gateway it runs as its own process. `.ci/run` installs Wine. It runs beside the vitest
    // stage, whose PGlite part keeps only one worker busy.
    name: "windows agent (wine)",
    alongsideNext: true,
    command: [
      "npx",
      "vitest",
      "run",
      "--project",
      "windows-wine",
      "--reporter=default",
      "--reporter=./scripts/vitest-outcome-reporter.ts",
    ],
    env: { HELPLINE_VITEST_OUTCOME: wineReport, HELPLINE_WINE_TESTS: "1" },
    outcome: vitestOutcome(wineReport),
    skip: () =>
      !onPath("wine")
        ? "wine not installed"
        : !process.env.DATABASE_URL
          ? "DATABASE_URL not set (needs PostgreSQL)"
          : null,
  },
  {
    name: "unit + integration (vitest)",
    command: ["npx", "vitest", "run", "--reporter=default", "--reporter=./scripts/vitest-outcome-reporter.ts"],
    env: { HELPLINE_VITEST_OUTCOME: vitestReport },
    outcome: vitestOutcome(vitestReport),
  },
  {
    name: "e2e (playwright)",
    command: ["npx", "playwright", "test", "-c", "apps/console/playwright.config.ts"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
    outcome: () => {
      type Spec = {
        title: string;
        file: string;
        line: number;
        ok: boolean;
        tests: { status: string; results: { error?: { message?: string } }[] }[];
      };
      type Suite = { specs?: Spec[]; suites?: Suite[] };
      const report = readJson<{
        stats: { expected: number; unexpected: number; flaky: number; skipped: number };
        suites: Suite[];
      }>(playwrightReport);
      if (!report)
        return {
          passed: 0,
          failed: 1,
          failures: ["playwright wrote no report (it crashed before the end)"],
          flaky: [],
        };
      const specs = (suites: Suite[]): Spec[] =>
        suites.flatMap((suite) => [...(suite.specs ?? []), ...specs(suite.suites ?? [])]);
      const describe = (spec: Spec) => {
        const error = spec.tests.flatMap((test) => test.results).find((result) => result.error)?.error;
        return `${spec.file}:${spec.line} › ${spec.title}: ${firstLines(error?.message)}`;
      };
      const all = specs(report.suites);
      // The suite skips nothing by itself: a test that did not run is one whose project's
      // dependency failed (playwright.config.ts), and counts as failed.
      const notRun = all.filter((spec) => spec.tests.every((test) => test.status === "skipped"));
      return {
        passed: report.stats.expected + report.stats.flaky,
        failed: report.stats.unexpected + report.stats.skipped,
        failures: [
          ...all.filter((spec) => !spec.ok).map(describe),
          ...notRun.map((spec) => `${spec.file}:${spec.line} › ${spec.title}: did not run (an earlier project failed)`),
        ],
        flaky: all.filter((spec) => spec.tests.some((test) => test.status === "flaky")).map(describe),
      };
    },
  },
];

const only = process.argv.slice(2);
const summary: string[] = [];
const failures: string[] = [];
const flaky: string[] = [];
let passed = 0;
let failed = 0;
let stageFailed = false;

/** Runs a stage: its output goes to this terminal, or to `logFile` for a stage run alongside another. */
function runStage(stage: Stage, logFile?: string): Promise<{ ok: boolean; seconds: string }> {
  const started = Date.now();
  const [command, ...args] = stage.command;
  const out = logFile ? fs.openSync(logFile, "w") : "inherit";
  const child = spawn(command!, args, { stdio: ["ignore", out, out], env: { ...process.env, ...stage.env } });
  return new Promise((resolve) => {
    child.on("error", () => resolve({ ok: false, seconds: "0.0" }));
    child.on("exit", (code) => {
      if (typeof out === "number") fs.closeSync(out);
      resolve({ ok: code === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) });
    });
  });
}

function record(stage: Stage, result: { ok: boolean; seconds: string }, note = ""): void {
  stageFailed ||= !result.ok;
  const counts = stage.outcome?.();
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    failures.push(...counts.failures.map((failure) => `${stage.name}: ${failure}`));
    flaky.push(...counts.flaky.map((test) => `${stage.name}: ${test}`));
  }
  summary.push(
    `${result.ok ? "ok  " : "FAIL"} ${stage.name} (${result.seconds} s${note})${counts ? `: ${counts.passed} passed, ${counts.failed} failed` : ""}`,
  );
}

const selected = stages.filter((stage) => only.length === 0 || only.some((word) => stage.name.includes(word)));
let beside: { stage: Stage; running: Promise<{ ok: boolean; seconds: string }>; log: string } | null = null;
for (const [index, stage] of selected.entries()) {
  const skipped = stage.skip?.();
  if (skipped) {
    summary.push(`skip ${stage.name}: ${skipped}`);
    continue;
  }
  for (const report of [playwrightReport, stage.env?.HELPLINE_VITEST_OUTCOME])
    if (report) fs.rmSync(report, { force: true });
  if (stage.alongsideNext && index < selected.length - 1) {
    const log = path.join(REPORTS, `${stage.name.replace(/\W+/g, "-")}.log`);
    console.log(`\n── ${stage.name} (alongside the next stage; its output follows that stage's) ──`);
    beside = { stage, running: runStage(stage, log), log };
    continue;
  }
  console.log(`\n── ${stage.name} ──`);
  const result = await runStage(stage);
  if (beside) {
    const done = await beside.running;
    console.log(`\n── ${beside.stage.name} (ran alongside ${stage.name}) ──`);
    process.stdout.write(fs.readFileSync(beside.log, "utf8"));
    record(beside.stage, done, `, alongside ${stage.name}`);
    beside = null;
  }
  record(stage, result);
}

console.log(
  `\n── summary (${process.env.DATABASE_URL ? "PGlite + PostgreSQL" : "PGlite only: set DATABASE_URL to add PostgreSQL"}) ──`,
);
for (const line of summary) console.log(line);
if (failures.length > 0) console.log(`failed:\n${failures.map((failure) => `  ✗ ${failure}`).join("\n")}`);
// A retry keeps one unlucky moment from failing CI, but a flaky test is a bug to fix: say so.
if (flaky.length > 0)
  console.log(`flaky (failed, then passed on retry — fix these):\n${flaky.map((test) => `  ! ${test}`).join("\n")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(stageFailed || failed > 0 ? 1 : 0);
