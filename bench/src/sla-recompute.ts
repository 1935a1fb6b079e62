import { listTickets, queueCalendarRecompute, runSlaRecompute, ZListTicketsInput } from "@helpline/core";
import { officeCalendar, STANDARD_TARGETS } from "@helpline/core/testing";
import { getPrisma } from "@helpline/db";
import { withDatabaseEnv } from "@helpline/db/testing";
import { seedFleet } from "./fleet-fixture.ts";
import { p95Ms, type BenchResult } from "./harness.ts";

const TICKETS = 200_000;
const CUSTOMERS = 200;
const RUNS = 60;

/**
 * 200,000 tickets not closed on one calendar (Monday–Friday 09:00–17:00, Europe/Paris), with the
 * Standard targets: 70 % Open, 20 % Pending after a reply, 10 % Resolved; created over the last
 * two weeks, so the list's SLA filters find breached, due-soon and on-track tickets; every tenth
 * has had its first-response warning.
 */
async function seedSlaTickets(): Promise<string> {
  const prisma = getPrisma();
  const hours = officeCalendar("Europe/Paris");
  const calendar = await prisma.slaCalendar.create({
    data: { name: "Bench hours", timeZone: hours.timeZone, weeklyHours: hours.weeklyHours, holidays: hours.holidays },
  });
  await prisma.$executeRaw`
    INSERT INTO "Technician" (id, email, name, "passwordHash", "updatedAt")
    VALUES (gen_random_uuid(), 'bench-sla@example.test', 'Bench technician', 'x', now())`;
  await prisma.$executeRaw`
    WITH customers AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Customer")
    INSERT INTO "Ticket" (id, "customerId", title, description, status, priority, source, "createdAt", "updatedAt",
                          "slaCalendarId", "slaTargets", "firstRespondedAt")
    SELECT gen_random_uuid(), c.id, 'Ticket ' || g, 'Bench ticket',
           (ARRAY['open','open','open','open','open','open','open','pending','pending','resolved'])[(g % 10) + 1]::"TicketStatus",
           (ARRAY['low','medium','medium','high','critical'])[(g % 5) + 1]::"TicketPriority", 'agent',
           now() - make_interval(mins => g % 20160), now() - make_interval(mins => g % 20160),
           ${calendar.id}::uuid, ${JSON.stringify(STANDARD_TARGETS)}::jsonb,
           CASE WHEN g % 10 IN (7, 8) THEN now() - make_interval(mins => g % 20160) + interval '30 minutes' END
    FROM generate_series(1, ${TICKETS}::int) AS g
    JOIN customers c ON c.n = g % ${CUSTOMERS}::int`;
  await prisma.$executeRaw`
    INSERT INTO "TicketStatusChange" ("ticketId", status, at) SELECT id, 'open', "createdAt" FROM "Ticket"`;
  await prisma.$executeRaw`
    INSERT INTO "TicketStatusChange" ("ticketId", status, at)
    SELECT id, status, "createdAt" + CASE status WHEN 'pending' THEN interval '30 minutes' ELSE interval '1 hour' END
    FROM "Ticket" WHERE status <> 'open'`;
  await prisma.$executeRaw`
    INSERT INTO "SlaAlert" ("ticketId", target, kind)
    SELECT id, 'first_response', 'warning' FROM "Ticket" WHERE number % 10 = 0`;
  await prisma.$executeRawUnsafe(`ANALYZE`);
  return calendar.id;
}

/** What a calendar save does (Settings ▸ Business hours): new hours, and its tickets queued for recompute. */
async function changeHours(calendarId: string, start: string, end: string): Promise<void> {
  await getPrisma().$transaction(async (tx) => {
    await tx.slaCalendar.update({
      where: { id: calendarId },
      data: { weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start, end })) },
    });
    await queueCalendarRecompute(tx, { calendarId });
  });
}

/** Seconds the SLA scheduler's batches take to work through the queued recompute. */
async function recomputeSeconds(): Promise<number> {
  const started = performance.now();
  while (await runSlaRecompute({ now: new Date() }));
  return (performance.now() - started) / 1000;
}

/**
 * SLA recompute: (a) recomputing the due times of 200,000 open tickets after their calendar's hours
 * change, through the scheduler's batches (runSlaRecompute, its default batch), against one plain UPDATE
 * writing the same eight SLA columns of the same rows in the same run; (b) the Tickets list at
 * those 200,000 tickets filtered by SLA (Breached, Due soon, On track) and sorted by due time,
 * p95 of server time against a SELECT 1.
 */
export async function slaRecompute(): Promise<BenchResult> {
  const database = await seedFleet({ count: 0, customers: CUSTOMERS, label: "b9" });
  const result = await withDatabaseEnv(database.env, async () => {
    const prisma = getPrisma();
    let started = performance.now();
    const calendarId = await seedSlaTickets();
    const seedSeconds = (performance.now() - started) / 1000;

    // The first fill (the tickets' columns are empty), then the measured change of hours.
    await changeHours(calendarId, "09:00", "17:00");
    const firstFillSeconds = await recomputeSeconds();
    await changeHours(calendarId, "08:00", "18:00");
    const recompute = await recomputeSeconds();

    started = performance.now();
    const updated = await prisma.$executeRaw`
      UPDATE "Ticket" SET
        "firstResponseDueAt" = "firstResponseDueAt" + interval '1 second', "resolutionDueAt" = "resolutionDueAt" + interval '1 second',
        "firstResponseBreachedAt" = "firstResponseBreachedAt" + interval '1 second', "resolutionBreachedAt" = "resolutionBreachedAt" + interval '1 second',
        "resolvedAt" = "resolvedAt" + interval '1 second', "slaDueAt" = "slaDueAt" + interval '1 second',
        "slaWarnAt" = "slaWarnAt" + interval '1 second', "slaAlertAt" = "slaAlertAt" + interval '1 second'
      WHERE "slaCalendarId" = ${calendarId}::uuid AND status <> 'closed'`;
    const plainUpdate = (performance.now() - started) / 1000;
    if (updated !== TICKETS) throw new Error(`the plain UPDATE touched ${updated} tickets, not ${TICKETS}`);

    const technician = await prisma.technician.findFirstOrThrow({ select: { id: true } });
    const actor = { id: technician.id, role: "technician" as const };
    const list = (view: Record<string, unknown>) => () => listTickets({ actor, input: ZListTicketsInput.parse(view) });
    const p95 = (run: () => Promise<unknown>) => p95Ms(run, RUNS);
    const counts = await prisma.$queryRaw<{ breached: number; running: number }[]>`
      SELECT count(*) FILTER (WHERE "slaDueAt" <= now())::int AS breached, count("slaDueAt")::int AS running FROM "Ticket"`;
    const timings = {
      selectOneMs: await p95(() => prisma.$queryRaw`SELECT 1`),
      breachedMs: await p95(list({ sla: "breached" })),
      dueSoonMs: await p95(list({ sla: "due_soon" })),
      onTrackMs: await p95(list({ sla: "on_track" })),
      sortByDueMs: await p95(list({ sort: "due" })),
      // The same filters read in due-time order, from the Ticket(slaDueAt, id) index.
      breachedByDueMs: await p95(list({ sla: "breached", sort: "due" })),
      dueSoonByDueMs: await p95(list({ sla: "due_soon", sort: "due" })),
      onTrackByDueMs: await p95(list({ sla: "on_track", sort: "due" })),
    };
    return {
      seedSeconds,
      firstFillSeconds,
      recomputeSeconds: recompute,
      plainUpdateSeconds: plainUpdate,
      ticketsPerSecond: TICKETS / recompute,
      breachedTickets: counts[0]!.breached,
      runningClocks: counts[0]!.running,
      ...timings,
    };
  });
  await database.drop();
  const ratio = result.recomputeSeconds / result.plainUpdateSeconds;
  const listP95 = Math.max(result.breachedMs, result.dueSoonMs, result.onTrackMs);
  return {
    name: "SLA recompute at 200k",
    value: ratio,
    unit: `× a plain UPDATE of the same rows (${result.recomputeSeconds.toFixed(1)} s vs ${result.plainUpdateSeconds.toFixed(1)} s, ${Math.round(result.ticketsPerSecond)} tickets/s)`,
    goal: `ratio reported; list with SLA filter p95 ≤ 50 ms: ${listP95.toFixed(1)} ms`,
    details: result,
  };
}
