import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { bundleAgent } from "./build.ts";
import { AGENT_VERSION } from "./src/version.ts";

it("the agent's version is its package's", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "package.json"), "utf8")) as {
    version: string;
  };
  expect(AGENT_VERSION).toBe(manifest.version);
});

it("bundles into one file that runs on Node.js alone, away from the repository", { timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-bundle-"));
  try {
    const bundle = await bundleAgent(path.join(dir, "helpline-agent.mjs"));
    // Only PATH: nothing of the repository's environment (tsx, NODE_OPTIONS) may help it along.
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, [bundle, ...args], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? "" },
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string; stderr: string }) => ({
          code: error.code,
          stdout: `${error.stdout}${error.stderr}`,
        }),
      );
    expect(await run("--version")).toEqual({ code: 0, stdout: `${AGENT_VERSION}\n` });
    // Not enrolled yet: it says so, and exits 1 as `helpline-agent status` does.
    expect(await run("status", "--state-dir", path.join(dir, "state"))).toMatchObject({
      code: 1,
      stdout: expect.stringContaining("Enrolled: no"),
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
