import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { parseEnv } from "node:util";

// `npm start`: build whatever is out of date (Turborepo skips what its cache already holds), then
// serve the console and the gateway from this one process. `--dev` serves with hot reload instead.
const dev = process.argv.includes("--dev");

// A .env file (see .env.example) fills in what the real environment does not set.
if (fs.existsSync(".env")) {
  for (const [key, value] of Object.entries(parseEnv(fs.readFileSync(".env", "utf8")))) process.env[key] ??= value;
}
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.env.TURBO_TELEMETRY_DISABLED ??= "1";

const buildTask = dev ? "@helpline/db#build" : "build";
execFileSync("npx", ["turbo", "run", buildTask, "--output-logs=errors-only", "--log-prefix=none"], { stdio: "inherit" });
if (!dev) process.env.NODE_ENV = "production";
await import("../apps/console/server.ts");
