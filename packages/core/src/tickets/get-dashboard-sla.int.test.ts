import { getPrisma, type Prisma } from "@helpline/db";
import { createCustomerRow, createTicketRow } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { STANDARD_TARGETS } from "../testing/sla-fixtures.ts";
import { getDashboard } from "./get-dashboard.ts";

// Far from any other test's clock, so only this file's tickets are decided in the 30-day window
// before NOW and due before 1991 (the database is shared with files running at the same time).
const NOW = new Date("2090-01-31T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

/** A ticket with SLA targets and the SLA columns the engine would have written (set directly). */
async function slaTicket(customerId: string, columns: Prisma.TicketUpdateInput, status?: "open" | "resolved") {
  const ticket = await createTicketRow({ customerId, status });
  return getPrisma().ticket.update({
    where: { id: ticket.id },
    data: { slaTargets: STANDARD_TARGETS, ...columns },
  });
}

describe("the Dashboard's SLA compliance and due next", () => {
  it("counts each target met or breached in the last 30 days per customer, and lists the soonest due", async () => {
    const acme = await createCustomerRow({ name: `Acme ${crypto.randomUUID()}` });
    const globex = await createCustomerRow({ name: `Globex ${crypto.randomUUID()}` });
    // Acme: answered in time and resolved in time.
    await slaTicket(acme.id, { firstRespondedAt: daysAgo(3), resolvedAt: daysAgo(2) }, "resolved");
    // Acme: answered late (breached), resolved in time.
    await slaTicket(
      acme.id,
      { firstRespondedAt: daysAgo(5), firstResponseBreachedAt: daysAgo(6), resolvedAt: daysAgo(4) },
      "resolved",
    );
    // Acme: resolved without a reply (first response met by resolving), resolution breached.
    await slaTicket(acme.id, { resolvedAt: daysAgo(1), resolutionBreachedAt: daysAgo(2) }, "resolved");
    // Acme: answered in time, still open and on time: only the first response is decided.
    await slaTicket(acme.id, { firstRespondedAt: daysAgo(1), slaDueAt: daysAgo(-2) });
    // Acme: decided 40 days ago, outside the window.
    await slaTicket(acme.id, { firstRespondedAt: daysAgo(40), resolvedAt: daysAgo(40) }, "resolved");
    // Globex: first response breached and still unanswered (open); no SLA on another ticket.
    await slaTicket(globex.id, { firstResponseBreachedAt: daysAgo(10), slaDueAt: new Date("1990-01-01T09:00:00Z") });
    await createTicketRow({ customerId: globex.id, status: "resolved" });

    const dashboard = await getDashboard({ now: NOW });
    expect(dashboard.slaCompliance).toEqual([
      {
        customerId: acme.id,
        name: acme.name,
        firstResponse: { met: 3, breached: 1, percentMet: 75 },
        resolution: { met: 2, breached: 1, percentMet: 67 },
      },
      {
        customerId: globex.id,
        name: globex.name,
        firstResponse: { met: 0, breached: 1, percentMet: 0 },
        resolution: { met: 0, breached: 0, percentMet: null },
      },
    ]);
  });

  it("lists the 10 tickets with the soonest due time, overdue first", async () => {
    const customer = await createCustomerRow();
    const due = [];
    for (let index = 0; index < 12; index += 1)
      due.push(
        await slaTicket(customer.id, {
          slaDueAt: new Date(Date.UTC(1980, 0, 1, 9, 12 - index)),
          slaWarnAt: new Date(Date.UTC(1980, 0, 1, 8, 0)),
        }),
      );
    const dashboard = await getDashboard({ now: NOW });
    expect(dashboard.dueNext.map((ticket) => ticket.number)).toEqual(
      due
        .slice(2)
        .reverse()
        .map((ticket) => ticket.number),
    );
    expect(dashboard.dueNext[0]).toMatchObject({
      slaDueAt: new Date(Date.UTC(1980, 0, 1, 9, 1)),
      customer: { name: customer.name },
      hasSla: true,
      status: "open",
    });
  });
});
