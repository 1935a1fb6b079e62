import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES } from "./config.ts";

const ROOT = path.join(import.meta.dirname, "../../../..");
// Read by the browser tests, not by Helpline; the README lists it for whoever runs them.
const TEST_ONLY = ["CHROMIUM_PATH"];
// Read by `npm run build:windows` (apps/agent/sign-windows.ts), not by the server: listed in both.
const BUILD_ONLY = [
  "HELPLINE_SIGN_CERT",
  "HELPLINE_SIGN_KEY",
  "HELPLINE_SIGN_KEY_PASSWORD",
  "HELPLINE_SIGN_TIMESTAMP_URL",
];

function readmeVariables(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((part) => part.startsWith("Environment variables"));
  if (!section) throw new Error('README.md has no "Environment variables" section');
  return [...section.matchAll(/^\| `([A-Z0-9_]+)` +\|/gm)].map((match) => match[1]!);
}

function envExampleVariables(): string[] {
  const example = fs.readFileSync(path.join(ROOT, ".env.example"), "utf8");
  return [...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]!);
}

describe("the documented variables", () => {
  it("are the ones the configuration reads, both ways, in the same order", () => {
    expect(readmeVariables().filter((name) => !TEST_ONLY.includes(name) && !BUILD_ONLY.includes(name))).toEqual(
      CONFIG_VARIABLES,
    );
  });

  it("are all in .env.example, and it names no other", () => {
    expect(envExampleVariables()).toEqual([...CONFIG_VARIABLES, ...BUILD_ONLY]);
    expect(readmeVariables().filter((name) => BUILD_ONLY.includes(name))).toEqual(BUILD_ONLY);
  });
});
