import { InboundMailChannels, loadConfigOrExit, MailDelivery, SlaScheduler, WebhookSender } from "@helpline/core";
import { prepareDatabase } from "@helpline/core/setup";
import { closePrisma } from "@helpline/db";
import { buildGateway } from "./build-gateway.ts";

// The gateway alone, for a scale-out where agents get their own processes. `npm start` serves the
// gateway and the console together (apps/console/server.ts).
const config = loadConfigOrExit();
const port = config.port ?? 3001;
await prepareDatabase((line) => console.log(line));
// Any serving process may send the outbox: leases keep two from sending the same mail.
const mail = new MailDelivery();
mail.start();
// Any serving process may send SLA alerts: the SlaAlert key sends each once.
const sla = new SlaScheduler({ log: (line) => console.log(line) });
sla.start();
// Any serving process may send webhooks: leases keep two from sending the same delivery.
const webhooks = new WebhookSender({ log: (line) => console.log(line) });
await webhooks.start();
// Any serving process may take mail in: ingest stores each message once, whichever process got it.
const mailIn = new InboundMailChannels({ log: (line) => console.log(line) });
await mailIn.start();
const app = await buildGateway({ logger: false, onMailQueued: () => void mail.wake() });
await app.listen({ port, host: config.host });
console.log(`Helpline gateway listening on http://localhost:${port}`);

const shutdown = async () => {
  await app.close();
  await mailIn.stop();
  await sla.stop();
  await webhooks.stop();
  await mail.stop();
  await closePrisma();
  process.exit(0);
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
