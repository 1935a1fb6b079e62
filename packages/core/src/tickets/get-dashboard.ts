import { getPrisma } from "@helpline/db";
import { TICKET_STATUSES, type TTicketStatus } from "@helpline/protocol";
import { onlineSince } from "../devices/device-presence.ts";
import { UNRESOLVED_STATUSES } from "./ticket-input.ts";

const TOP_CUSTOMERS = 8;
const NEWEST_TICKETS = 5;

/** The Dashboard: where the desk stands (tickets by status and by customer, the newest) and the fleet. */
export async function getDashboard(options: { now?: Date } = {}) {
  const prisma = getPrisma();
  const [byStatus, byCustomer, newest, [devices]] = await Promise.all([
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
  };
}
