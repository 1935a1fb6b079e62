import { getPrisma } from "@helpline/db";
import { createCustomerRow, unique } from "@helpline/db/testing";
import type { PolicyTargets, TargetDuration, WeeklyRange } from "../sla/sla-types.ts";

/** Open around the clock, every day: business minutes are wall-clock minutes. */
export const ALWAYS_OPEN: WeeklyRange[] = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "24:00" }));

const minutes = (amount: number): TargetDuration => ({ amount, unit: "minutes" });

/** Targets in minutes: first response / resolution per priority (critical 60/240 … low 480/2400). */
export const TEST_TARGETS: PolicyTargets = {
  critical: { firstResponse: minutes(60), resolution: minutes(240) },
  high: { firstResponse: minutes(120), resolution: minutes(480) },
  medium: { firstResponse: minutes(240), resolution: minutes(960) },
  low: { firstResponse: minutes(480), resolution: minutes(2400) },
};

/**
 * An SLA policy on a calendar of its own (unique names), by default open around the clock in UTC
 * with TEST_TARGETS and a warning at 75 %, and a customer that has it as its own policy.
 */
export async function slaScene(
  options: { timeZone?: string; weeklyHours?: WeeklyRange[]; targets?: PolicyTargets; warningPercent?: number } = {},
) {
  const prisma = getPrisma();
  const calendar = await prisma.slaCalendar.create({
    data: {
      name: unique("Calendar"),
      timeZone: options.timeZone ?? "UTC",
      weeklyHours: options.weeklyHours ?? ALWAYS_OPEN,
      holidays: [],
    },
  });
  const policy = await prisma.slaPolicy.create({
    data: {
      name: unique("Policy"),
      calendarId: calendar.id,
      targets: options.targets ?? TEST_TARGETS,
      warningPercent: options.warningPercent ?? 75,
    },
  });
  const created = await createCustomerRow();
  const customer = await prisma.customer.update({ where: { id: created.id }, data: { slaPolicyId: policy.id } });
  return { calendar, policy, customer };
}

/** The ticket's status history, oldest first, as `{ status, at }`. */
export async function statusHistory(ticketId: string) {
  const rows = await getPrisma().ticketStatusChange.findMany({ where: { ticketId }, orderBy: { id: "asc" } });
  return rows.map((row) => ({ status: row.status, at: row.at }));
}

/**
 * Moves a ticket `minutes` into the past: its creation, status history and first reply, as if it
 * had been opened that long ago (the scheduler tests need clocks that have run).
 */
export async function backdateTicket(ticketId: string, minutesAgo: number): Promise<void> {
  const prisma = getPrisma();
  await prisma.$executeRaw`
    UPDATE "Ticket" SET "createdAt" = "createdAt" - make_interval(mins => ${minutesAgo}::int),
      "firstRespondedAt" = "firstRespondedAt" - make_interval(mins => ${minutesAgo}::int)
    WHERE "id" = ${ticketId}::uuid`;
  await prisma.$executeRaw`
    UPDATE "TicketStatusChange" SET "at" = "at" - make_interval(mins => ${minutesAgo}::int)
    WHERE "ticketId" = ${ticketId}::uuid`;
}

/**
 * Waits until no transaction holds these tickets' rows: a scheduler pass of another test file
 * running at once (one database per run) may have leased them and not committed yet.
 */
export async function ticketsSettled(ticketIds: string[]): Promise<void> {
  await getPrisma().$transaction(
    (tx) => tx.$executeRaw`SELECT 1 FROM "Ticket" WHERE "id" = ANY(${ticketIds}::uuid[]) FOR UPDATE`,
  );
}
