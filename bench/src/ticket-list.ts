import { listTickets, ZListTicketsInput } from "@helpline/core";
import { getPrisma } from "@helpline/db";
import { withDatabaseEnv } from "@helpline/db/testing";
import { seedFleet } from "./fleet-fixture.ts";
import { p95Ms, type BenchResult } from "./harness.ts";

const TICKETS = 200_000;
const CUSTOMERS = 200;
const RUNS = 60;

const p95 = (run: () => Promise<unknown>) => p95Ms(run, RUNS);

/** 200,000 tickets over 200 customers, mostly resolved or closed as on a desk a few years old. */
export async function seedTickets(): Promise<void> {
  const prisma = getPrisma();
  await prisma.$executeRaw`
    INSERT INTO "Contact" (id, "customerId", "fullName", email, "updatedAt")
    SELECT gen_random_uuid(), c.id, 'Contact ' || k, 'contact' || k || '@' || c."installKey" || '.test', now() FROM "Customer" c, generate_series(1, 5) AS k`;
  await prisma.$executeRaw`
    INSERT INTO "Technician" (id, email, name, "passwordHash", "updatedAt")
    SELECT gen_random_uuid(), 'bench-tech-' || t || '@example.test', 'Tech ' || t, 'x', now() FROM generate_series(1, 10) AS t`;
  await prisma.$executeRaw`
    WITH customers AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Customer"),
         technicians AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Technician")
    INSERT INTO "Ticket" (id, "customerId", "contactId", title, description, status, priority, "assigneeId", source, "createdAt", "updatedAt")
    SELECT gen_random_uuid(), c.id,
           (SELECT id FROM "Contact" WHERE "customerId" = c.id ORDER BY id LIMIT 1 OFFSET (g % 5)),
           'Ticket ' || g || CASE g % 4 WHEN 0 THEN ' printer jammed' WHEN 1 THEN ' Outlook crashes' WHEN 2 THEN ' VPN drops' ELSE ' new laptop' END,
           'Bench ticket', (ARRAY['closed','closed','resolved','resolved','closed','resolved','open','open','pending','closed'])[(g % 10) + 1]::"TicketStatus",
           (ARRAY['low','medium','medium','high','critical'])[(g % 5) + 1]::"TicketPriority",
           CASE WHEN g % 3 = 0 THEN NULL ELSE t.id END, 'agent',
           now() - make_interval(mins => g), now() - make_interval(mins => g)
    FROM generate_series(1, ${TICKETS}::int) AS g
    JOIN customers c ON c.n = g % ${CUSTOMERS}::int
    JOIN technicians t ON t.n = g % 10`;
  await prisma.$executeRawUnsafe(`ANALYZE "Ticket"`);
}

/** The Tickets list at 200,000 tickets: first page filtered by status + customer, server time. */
export async function ticketList(): Promise<BenchResult> {
  const database = await seedFleet({ count: 1, customers: CUSTOMERS, label: "b5" });
  const result = await withDatabaseEnv(database.env, async () => {
    const started = performance.now();
    await seedTickets();
    const seedSeconds = (performance.now() - started) / 1000;
    const prisma = getPrisma();
    const customer = await prisma.customer.findFirstOrThrow({ select: { id: true }, orderBy: { id: "asc" } });
    const technician = await prisma.technician.findFirstOrThrow({ select: { id: true } });
    const actor = { id: technician.id, role: "technician" as const };
    const list = (view: Record<string, unknown>) => () => listTickets({ actor, input: ZListTicketsInput.parse(view) });
    const page2 = (await listTickets({ actor, input: ZListTicketsInput.parse({}) })).nextCursor!;
    const baseline = await p95(() => prisma.$queryRaw`SELECT 1`);
    const timings: Record<string, number> = {
      seedSeconds,
      selectOneMs: baseline,
      statusCustomerMs: await p95(list({ customerId: customer.id, status: ["open"] })),
      unresolvedCustomerMs: await p95(list({ customerId: customer.id })),
      unresolvedAllMs: await p95(list({})),
      mineMs: await p95(list({ assignee: "me" })),
      criticalMs: await p95(list({ priority: "critical" })),
      allStatusesMs: await p95(list({ status: "all" })),
      searchTitleMs: await p95(list({ search: "vpn", status: "all" })),
      searchNumberMs: await p95(list({ search: "#150000", status: "all" })),
      page2Ms: await p95(list({ cursor: page2 })),
    };
    return { baseline, timings };
  });
  await database.drop();
  return {
    name: "Ticket list at 200k",
    value: result.timings.statusCustomerMs!,
    unit: "ms p95, first page of status + customer",
    goal: `p95 ≤ 50 ms; ${(result.timings.statusCustomerMs! / result.baseline).toFixed(0)}× a SELECT 1 in the same run`,
    details: result.timings,
  };
}
