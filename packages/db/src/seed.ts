import { closePrisma, getPrisma } from "./client.ts";
import { applyMigrations } from "./migrate/apply-migrations.ts";
import { resolveDatabaseConfig } from "./database-config.ts";
import { createCustomerRow, createHelpdeskDeviceRow, createTicketRow } from "./testing/factories.ts";

// `npm run db:seed`: demo data to look around a fresh console — two customers with Helpdesk users
// and a desk of tickets in every state. Adds to what is there; never deletes anything.
const DEMO = [
  {
    customer: "Contoso Ltd",
    people: [
      ["Alice Martin", "alice"],
      ["Bob Durand", "bob"],
      ["Chloé Petit", "chloe"],
    ],
  },
  {
    customer: "Fabrikam Inc",
    people: [
      ["Grace Hopper", "grace"],
      ["Alan Turing", "alan"],
    ],
  },
] as const;
const TITLES = [
  "Outlook keeps crashing",
  "Printer on 2nd floor is jammed",
  "VPN drops every hour",
  "New laptop for a new hire",
  "Cannot open the shared drive",
  "Teams camera is black",
];
const STATES = [
  ["open", "high"],
  ["pending", "medium"],
  ["open", "critical"],
  ["resolved", "low"],
  ["closed", "medium"],
  ["open", "medium"],
] as const;

await applyMigrations({ config: resolveDatabaseConfig() });
let tickets = 0;
for (const demo of DEMO) {
  const customer = await createCustomerRow({ name: demo.customer });
  const domain = demo.customer.split(" ")[0]!.toLowerCase();
  for (const [index, [fullName, user]] of demo.people.entries()) {
    const { device, contact } = await createHelpdeskDeviceRow({
      customerId: customer.id,
      fullName,
      email: `${user}@${domain}.example`,
    });
    await getPrisma().deviceProfile.updateMany({
      where: { deviceId: device.id },
      data: { name: `${domain.toUpperCase()}\\${user}`, displayName: fullName },
    });
    for (let offset = 0; offset < 2; offset++) {
      const [status, priority] = STATES[(index * 2 + offset) % STATES.length]!;
      await createTicketRow({
        customerId: customer.id,
        contactId: contact!.id,
        deviceId: device.id,
        title: TITLES[(index * 2 + offset) % TITLES.length]!,
        status,
        priority,
      });
      tickets++;
    }
  }
  console.log(`${demo.customer}: install key ${customer.installKey}`);
}
console.log(
  `Seeded ${DEMO.length} customers, ${DEMO.reduce((sum, demo) => sum + demo.people.length, 0)} devices with confirmed Helpdesk users, ${tickets} tickets.`,
);
await closePrisma();
