import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import {
  ensureAuthSecret,
  InboundMailChannels,
  loadConfigOrExit,
  MailDelivery,
  resolveClientAddress,
  SlaScheduler,
  WebhookSender,
} from "@helpline/core";
import { prepareDatabase } from "@helpline/core/setup";
import { closePrisma } from "@helpline/db";
import { buildGateway, GATEWAY_HTTP_OPTIONS, isGatewayPath } from "@helpline/gateway";
import next from "next";

import { crossSiteActionGuard } from "./src/server/cross-site-actions.ts";
import { publicHostOf } from "./src/server/public-host.ts";

// One process serves everything on one port: agent protocol and health via the lean gateway,
// pages and server actions via Next.js. The embedded database belongs to one process, so this is
// how `npm start` runs; with PostgreSQL the same build scales out to many such processes.
const dev = process.argv.includes("--dev");
const config = loadConfigOrExit();
const port = config.port ?? 3000;
const refuseCrossSiteAction = crossSiteActionGuard(config.publicUrl);
const log = (line: string) => console.log(`[helpline] ${line}`);

await prepareDatabase(log);
const mail = new MailDelivery();
mail.start();
log(
  mail.mode === "smtp"
    ? "Mail: delivered through SMTP_URL"
    : "Mail: kept by the built-in catcher (Settings ▸ Outbox); set SMTP_URL to send it",
);
// SLA warning and breach alerts, and recomputes after a calendar change: any serving process.
const sla = new SlaScheduler({ log });
sla.start();
// Webhooks, woken by each event written (NOTIFY) and every few seconds: any serving process.
const webhooks = new WebhookSender({ log });
await webhooks.start();
// Replies by email and new mail: the IMAP mailbox and/or the inbound SMTP listener.
const mailIn = new InboundMailChannels({ log });
await mailIn.start();
process.env.AUTH_SECRET ||= await ensureAuthSecret();
if (config.publicUrl) process.env.AUTH_URL ||= config.publicUrl;

// Next needs its own port to follow the redirects of server actions internally.
const dir = import.meta.dirname;
// In production Next takes the configuration it was built with, as the server of its own
// `output: "standalone"` does, instead of compiling next.config.ts at every start (which loads the
// SWC compiler into the serving process for nothing).
if (!dev && !process.env.__NEXT_PRIVATE_STANDALONE_CONFIG) {
  const built = JSON.parse(fs.readFileSync(path.join(dir, ".next", "required-server-files.json"), "utf8")).config;
  // The public address is the running server's, not the build machine's: Next refuses a server
  // action whose Origin is neither the Host nor in this list.
  built.experimental.serverActions = {
    ...built.experimental.serverActions,
    allowedOrigins: publicHostOf(config.publicUrl),
  };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(built);
}
// Next attaches an `upgrade` listener to the server it is given (else to the first request's), and
// with one attached Node hands every request carrying `Upgrade:` to it, agent paths included,
// where it hangs. Production serves no WebSockets: Next gets a server that never listens, so such
// a request is served as a plain one (a server may ignore Upgrade, RFC 9110 §7.8). Dev keeps
// Next's for hot reload.
const console_ = next({ dev, dir, hostname: "localhost", port, ...(dev ? {} : { httpServer: http.createServer() }) });
await console_.prepare();
const handleConsole = console_.getRequestHandler();

const gateway = await buildGateway({
  // Mail asked for by an agent (identity tokens) leaves at once rather than at the next pass.
  onMailQueued: () => void mail.wake(),
  serverFactory: (handleGateway) =>
    http.createServer(GATEWAY_HTTP_OPTIONS, (request, response) => {
      // Decided once per request, read by everything after (sign-in throttles, audit lines).
      request.headers["x-forwarded-for"] = resolveClientAddress(request, config.trustProxyHops);
      if (isGatewayPath(request.url ?? "/")) return handleGateway(request, response);
      if (refuseCrossSiteAction(request, response)) return;
      void handleConsole(request, response);
    }),
});
await gateway.listen({ port, host: config.host });
log(`Helpline is ready on ${config.publicUrl ?? `http://localhost:${port}`}`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${signal} received, closing`);
  await gateway.close();
  await console_.close();
  await mailIn.stop();
  await sla.stop();
  await webhooks.stop();
  await mail.stop();
  await closePrisma();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
