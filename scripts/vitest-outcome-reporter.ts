import fs from "node:fs";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import type { Reporter, SerializedError, TestModule } from "vitest/node";

export type VitestOutcome = { passed: number; failed: number; failures: string[]; flaky: string[] };

/** The start of an error, on one line: enough to name the cause in a CI log that keeps only its tail. */
export function firstLines(message: string | undefined): string {
  return stripVTControlCharacters(message ?? "")
    .split("\n")
    .filter((line) => line.trim())
    .slice(0, 3)
    .join(" ⏎ ")
    .slice(0, 400);
}

/**
 * Writes what `npm test` prints in its summary (scripts/test.ts): counts, each failed test with the
 * start of its error, and each test that passed only on a retry, so a flaky test is never silent.
 * The file is named by HELPLINE_VITEST_OUTCOME.
 */
export default class OutcomeReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const file = process.env.HELPLINE_VITEST_OUTCOME;
    if (!file) return;
    const outcome: VitestOutcome = { passed: 0, failed: 0, failures: [], flaky: [] };
    for (const testModule of testModules) {
      const where = `${path.relative(process.cwd(), testModule.moduleId)} [${testModule.project.name}]`;
      // An import error or a failing hook fails the file outside any test.
      for (const error of testModule.errors()) outcome.failures.push(`${where}: ${firstLines(error.message)}`);
      if (testModule.errors().length > 0) outcome.failed++;
      for (const testCase of testModule.children.allTests()) {
        const result = testCase.result();
        const name = `${where} › ${testCase.fullName}`;
        if (result.state === "passed") {
          outcome.passed++;
          // The errors of the attempts that failed are kept on a passed result: say the first.
          if (testCase.diagnostic()?.flaky)
            outcome.flaky.push(
              `${name} (passed on retry ${testCase.diagnostic()!.retryCount}): ${firstLines(result.errors?.[0]?.message)}`,
            );
        } else if (result.state === "failed") {
          outcome.failed++;
          outcome.failures.push(`${name}: ${firstLines(result.errors[0]?.message)}`);
        }
      }
    }
    for (const error of unhandledErrors) {
      outcome.failed++;
      outcome.failures.push(`unhandled error: ${firstLines(error.message)}`);
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(outcome, null, 2));
  }
}
