import { parseArgs } from "node:util";
import { expect, it } from "vitest";
import { generateInstallKey } from "./generate-install-key.ts";

it("install keys are unique and survive a command line (never read as an option)", () => {
  const keys = Array.from({ length: 2000 }, generateInstallKey);
  expect(new Set(keys).size).toBe(keys.length);
  for (const key of keys) {
    expect(key).toMatch(/^ik_[A-Za-z0-9_-]{43}$/);
    expect(
      parseArgs({ args: ["--install-key", key], options: { "install-key": { type: "string" } }, strict: true }).values[
        "install-key"
      ],
    ).toBe(key);
  }
});
