import { spawn } from "node:child_process";
import { createScratchDatabase } from "@helpline/db/testing";

// Starts the product for the browser tests exactly as `npm start` does, on a database made for
// this run (PostgreSQL when DATABASE_URL is set, else embedded PGlite), and drops it afterwards.
const database = await createScratchDatabase({
  serverUrl: process.env.DATABASE_URL || undefined,
  label: `e2e_${process.env.HELPLINE_E2E_RUN ?? "local"}`,
});
// Inbound SMTP on a port of this run (not the embedded default 2525, which a developer's own
// `npm start` may hold), so browser tests can mail tickets in with nodemailer.
const inboundSmtpPort =
  process.env.HELPLINE_E2E_INBOUND_SMTP_PORT || String(Number(process.env.HELPLINE_E2E_PORT ?? 3100) + 25);
const server = spawn("npm", ["start"], {
  stdio: "inherit",
  env: { ...process.env, ...database.env, INBOUND_SMTP_PORT: inboundSmtpPort, INBOUND_SMTP_HOST: "127.0.0.1" },
});

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
