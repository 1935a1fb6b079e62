import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

const MAIN = path.join(import.meta.dirname, "main.ts");

it("refuses to start on a variable it cannot use, with one line naming it", { timeout: 60_000 }, () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", MAIN], {
    env: { ...process.env, HELPLINE_TRUST_PROXY: "yes" },
    encoding: "utf8",
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toBe(
    'Helpline cannot start: HELPLINE_TRUST_PROXY must be the number of reverse proxies in front of Helpline (0, 1, 2 …), not "yes".\n',
  );
  expect(run.stdout).toBe("");
});
