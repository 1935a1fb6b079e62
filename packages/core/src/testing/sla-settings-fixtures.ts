import { getDatabaseKind, getPrisma } from "@helpline/db";
import { createTechnicianRow, unique } from "@helpline/db/testing";
import { ZSlaCalendarInput, ZSlaPolicyInput, type TSlaCalendarInput, type TSlaPolicyInput } from "../sla/sla-input.ts";

/** An admin actor (a fresh row) for the services that want one. */
export async function slaAdmin() {
  const admin = await createTechnicianRow({ role: "admin" });
  return { id: admin.id, role: "admin" as const };
}

/** A valid calendar input with a unique name: Mon–Fri 09:00–17:00 in Europe/Paris, Christmas yearly. */
export function calendarInput(overrides: Partial<TSlaCalendarInput> = {}): TSlaCalendarInput {
  return ZSlaCalendarInput.parse({
    name: unique("Calendar"),
    timeZone: "Europe/Paris",
    weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "17:00" })),
    holidays: [{ date: "2026-12-25", name: "Christmas Day", yearly: true }],
    ...overrides,
  });
}

/** A valid policy input with a unique name on `calendarId`: the Standard targets, warning 75 %. */
export function policyInput(calendarId: string, overrides: Partial<TSlaPolicyInput> = {}): TSlaPolicyInput {
  const hours = (amount: number) => ({ amount, unit: "hours" as const });
  const days = (amount: number) => ({ amount, unit: "days" as const });
  return ZSlaPolicyInput.parse({
    name: unique("Policy"),
    calendarId,
    targets: {
      low: { firstResponse: hours(8), resolution: days(5) },
      medium: { firstResponse: hours(4), resolution: days(2) },
      high: { firstResponse: hours(2), resolution: hours(8) },
      critical: { firstResponse: hours(1), resolution: hours(4) },
    },
    ...overrides,
  });
}

/**
 * Runs a test's `body` while holding the run's lock on the default SLA policy, so the tests that
 * set it (one server-wide setting, sla.defaultPolicyId) run one at a time across files. On
 * PostgreSQL, where files run in parallel, a transaction holds `pg_advisory_xact_lock` while `body`
 * works on other connections; on PGlite files already run one at a time, so `body` just runs.
 */
export async function holdingDefaultSlaPolicy<T>(body: () => Promise<T>): Promise<T> {
  if (getDatabaseKind() === "pglite") return body();
  return getPrisma().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sla.defaultPolicyId test'))`;
      return body();
    },
    { timeout: 120_000 },
  );
}
