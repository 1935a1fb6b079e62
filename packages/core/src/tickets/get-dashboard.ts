import { getPrisma, Prisma } from "@helpline/db";
import { TICKET_STATUSES, type TTicketStatus } from "@helpline/protocol";
import { onlineSince } from "../devices/device-presence.ts";
import { UNRESOLVED_STATUSES } from "./ticket-input.ts";

const TOP_CUSTOMERS = 8;
const NEWEST_TICKETS = 5;
const DUE_NEXT = 10;
const COMPLIANCE_DAYS = 30;
const COMPLIANCE_CUSTOMERS = 20;

/** Of one target over the window: how many were met and breached, and the percent met (null: none decided). */
function compliance(met: number, breached: number) {
  return { met, breached, percentMet: met + breached ? Math.round((met / (met + breached)) * 100) : null };
}

type ComplianceRow = {
  customerId: string | null;
  name: string | null;
  firstMet: number;
  firstBreached: number;
  resolutionMet: number;
  resolutionBreached: number;
};

/**
 * SLA compliance per customer: each target counts in the window when it was decided in it — met
 * (first response: the first public reply, or Resolved/Closed without one; resolution: the last
 * Resolved/Closed) without a breach, or breached (its breach time). A target still running and not
 * breached is not decided yet. One statement over the tickets with SLA targets; customers with the
 * most decided targets first.
 */
function complianceRows(since: Date) {
  const firstMetAt = Prisma.sql`COALESCE(t."firstRespondedAt", t."resolvedAt")`;
  return getPrisma().$queryRaw<ComplianceRow[]>`
    SELECT t."customerId", c."name",
      (count(*) FILTER (WHERE t."firstResponseBreachedAt" IS NULL AND ${firstMetAt} >= ${since}))::int AS "firstMet",
      (count(*) FILTER (WHERE t."firstResponseBreachedAt" >= ${since}))::int AS "firstBreached",
      (count(*) FILTER (WHERE t."resolutionBreachedAt" IS NULL AND t."resolvedAt" >= ${since}))::int AS "resolutionMet",
      (count(*) FILTER (WHERE t."resolutionBreachedAt" >= ${since}))::int AS "resolutionBreached"
    FROM "Ticket" t LEFT JOIN "Customer" c ON c."id" = t."customerId"
    WHERE t."slaTargets" IS NOT NULL
      AND (t."firstRespondedAt" >= ${since} OR t."resolvedAt" >= ${since}
        OR t."firstResponseBreachedAt" >= ${since} OR t."resolutionBreachedAt" >= ${since})
    GROUP BY t."customerId", c."name"
    ORDER BY count(*) DESC, c."name" ASC NULLS LAST
    LIMIT ${COMPLIANCE_CUSTOMERS}`;
}

/**
 * The Dashboard: where the desk stands (tickets by status and by customer, the newest), the fleet,
 * SLA compliance over the 30 days before `now` per customer (`slaCompliance`: first response and
 * resolution, met/breached counts and percent met; `name` null is Unassigned customers) and the
 * 10 tickets due next (`dueNext`: the running target's `slaDueAt`, soonest first, overdue ones
 * included; UTC instants). `now` defaults to the current time.
 */
export async function getDashboard(options: { now?: Date } = {}) {
  const prisma = getPrisma();
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - COMPLIANCE_DAYS * 86_400_000);
  const [byStatus, byCustomer, newest, [devices], complianceByCustomer, dueNext] = await Promise.all([
    prisma.ticket.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.ticket.groupBy({
      by: ["customerId"],
      where: { status: { in: UNRESOLVED_STATUSES } },
      _count: { _all: true },
      // Counted by id: count("customerId") skips nulls, so the Unassigned customers group would
      // rank last (and drop out of the top 8) however many tickets wait in it.
      orderBy: [{ _count: { id: "desc" } }, { customerId: "asc" }],
      take: TOP_CUSTOMERS,
    }),
    // Numbers only ever go up, so the highest are the newest (and `number` is indexed).
    prisma.ticket.findMany({
      orderBy: { number: "desc" },
      take: NEWEST_TICKETS,
      select: {
        number: true,
        title: true,
        status: true,
        priority: true,
        createdAt: true,
        customer: { select: { name: true } },
        contact: { select: { fullName: true } },
      },
    }),
    // One statement, so "online" and "total" are counted in the same snapshot.
    prisma.$queryRaw<{ total: number; online: number }[]>`
      SELECT count(*)::int AS total, (count(*) FILTER (WHERE "lastSeenAt" >= ${onlineSince(options.now)}))::int AS online FROM "Device"`,
    complianceRows(since),
    // The Ticket(slaDueAt, id) index in order: the first 10 entries that are not null.
    prisma.ticket.findMany({
      where: { slaDueAt: { not: null } },
      orderBy: [{ slaDueAt: "asc" }, { id: "asc" }],
      take: DUE_NEXT,
      select: {
        id: true,
        number: true,
        title: true,
        status: true,
        priority: true,
        slaDueAt: true,
        slaWarnAt: true,
        customer: { select: { name: true } },
      },
    }),
  ]);
  const counts = Object.fromEntries(byStatus.map((row) => [row.status, row._count._all]));
  const customers = await prisma.customer.findMany({
    where: { id: { in: byCustomer.flatMap((row) => (row.customerId ? [row.customerId] : [])) } },
    select: { id: true, name: true },
  });
  const names = new Map(customers.map((customer) => [customer.id, customer.name]));
  return {
    ticketsByStatus: TICKET_STATUSES.map((status: TTicketStatus) => ({ status, count: counts[status] ?? 0 })),
    unresolvedByCustomer: byCustomer.map((row) => ({
      customerId: row.customerId,
      // Null: mail from unknown senders, waiting without a customer until a technician files it.
      name: row.customerId ? (names.get(row.customerId) ?? "Removed customer") : null,
      count: row._count._all,
    })),
    newestTickets: newest,
    devices: { total: devices!.total, online: devices!.online },
    slaCompliance: complianceByCustomer.map((row) => ({
      customerId: row.customerId,
      name: row.customerId ? (row.name ?? "Removed customer") : null,
      firstResponse: compliance(row.firstMet, row.firstBreached),
      resolution: compliance(row.resolutionMet, row.resolutionBreached),
    })),
    // Every ticket here has a running clock, so SLA targets (the Due badge's `hasSla`).
    dueNext: dueNext.map((ticket) => ({ ...ticket, hasSla: true })),
  };
}
