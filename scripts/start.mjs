import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { parseEnv } from "node:util";

// `npm start`: build whatever is out of date (Turborepo skips what its cache already holds), then
// serve the console and the gateway from this one process, running the compiled server
// (apps/console/dist/server.mjs) with plain Node: no TypeScript compiler in the serving process.
// `--dev` serves the sources with hot reload instead (through tsx).
const dev = process.argv.includes("--dev");

// A .env file (see .env.example) fills in what the real environment does not set.
if (fs.existsSync(".env")) {
  for (const [key, value] of Object.entries(parseEnv(fs.readFileSync(".env", "utf8")))) process.env[key] ??= value;
}
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.env.TURBO_TELEMETRY_DISABLED ??= "1";

const buildTask = dev ? "@helpline/db#build" : "build";
execFileSync("npx", ["turbo", "run", buildTask, "--output-logs=errors-only", "--log-prefix=none"], {
  stdio: "inherit",
});
if (dev) {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../apps/console/server.ts");
} else {
  process.env.NODE_ENV = "production";
  await import("../apps/console/dist/server.mjs");
}
