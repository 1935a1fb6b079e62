import { spawn } from "node:child_process";
import { createScratchDatabase } from "@helpline/db/testing";

// Starts the product for the browser tests exactly as `npm start` does, on a database made for
// this run (PostgreSQL when DATABASE_URL is set, else embedded PGlite), and drops it afterwards.
const database = await createScratchDatabase({
  serverUrl: process.env.DATABASE_URL || undefined,
  label: `e2e_${process.env.HELPLINE_E2E_RUN ?? "local"}`,
});
const server = spawn("npm", ["start"], { stdio: "inherit", env: { ...process.env, ...database.env } });

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", async (code) => {
  await database.drop();
  process.exit(stopping ? 0 : (code ?? 1));
});
