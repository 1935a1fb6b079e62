import { loadConfigOrExit, MailDelivery } from "@helpline/core";
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
const app = await buildGateway({ logger: false, onMailQueued: () => void mail.wake() });
await app.listen({ port, host: config.host });
console.log(`Helpline gateway listening on http://localhost:${port}`);

const shutdown = async () => {
  await app.close();
  await mail.stop();
  await closePrisma();
  process.exit(0);
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
