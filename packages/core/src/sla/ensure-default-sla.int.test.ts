import { getPrisma } from "@helpline/db";
import { applyMigrations } from "@helpline/db/migrate";
import { createCustomerRow, createScratchDatabase, createTechnicianRow, withDatabaseEnv } from "@helpline/db/testing";
import { expect, it } from "vitest";
import { GENERAL_SETTINGS_KEYS } from "../settings/get-general-settings.ts";
import { STANDARD_TARGETS } from "../testing/sla-fixtures.ts";
import { createConsoleTicket } from "../tickets/create-console-ticket.ts";
import { ensureDefaultSla } from "./ensure-default-sla.ts";
import { DEFAULT_SLA_POLICY_KEY } from "./sla-calendar-row.ts";

// The first start happens on a database without calendars, so this test gets one of its own.
it(
  "a fresh install gets 'Business hours' in the MSP's zone and the default policy 'Standard', once, however many processes start together",
  { timeout: 120_000 },
  async () => {
    const scratch = await createScratchDatabase({ serverUrl: process.env.DATABASE_URL || undefined, label: "sla" });
    await applyMigrations({ config: scratch.config });
    try {
      await withDatabaseEnv(scratch.env, async () => {
        const prisma = getPrisma();
        const key = GENERAL_SETTINGS_KEYS.timeZone;
        await prisma.systemSetting.create({ data: { key, value: "America/New_York" } });
        const results = await Promise.all(Array.from({ length: 4 }, () => ensureDefaultSla()));
        expect(results.filter((result) => result.created)).toEqual([{ created: true, timeZone: "America/New_York" }]);
        const calendars = await prisma.slaCalendar.findMany();
        expect(calendars).toHaveLength(1);
        expect(calendars[0]).toMatchObject({ name: "Business hours", timeZone: "America/New_York", holidays: [] });
        expect(calendars[0]!.weeklyHours).toEqual(
          [1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "17:00" })),
        );
        const policies = await prisma.slaPolicy.findMany();
        expect(policies).toMatchObject([{ name: "Standard", calendarId: calendars[0]!.id, warningPercent: 75 }]);
        const setting = await prisma.systemSetting.findUniqueOrThrow({ where: { key: DEFAULT_SLA_POLICY_KEY } });
        expect(setting.value).toBe(policies[0]!.id);
        expect(await ensureDefaultSla()).toEqual({ created: false });
        expect(await prisma.auditEvent.count({ where: { action: "sla.defaults_created" } })).toBe(1);

        // A ticket opened now takes it, days converted with the 8-hour business day.
        const customer = await createCustomerRow();
        const { number } = await createConsoleTicket({
          actor: { id: (await createTechnicianRow()).id, role: "technician" },
          input: { customerId: customer.id, title: "First ticket" },
          publicUrl: "https://help.example.test",
        });
        const ticket = await prisma.ticket.findUniqueOrThrow({ where: { number } });
        expect(ticket.slaPolicyId).toBe(policies[0]!.id);
        expect(ticket.slaTargets).toMatchObject({
          policyName: "Standard",
          warningPercent: 75,
          minutes: STANDARD_TARGETS.minutes,
        });
        // An admin who removed the defaults keeps that choice: a calendar exists, nothing is added.
        await prisma.slaCalendar.update({ where: { id: calendars[0]!.id }, data: { name: "Office" } });
        expect(await ensureDefaultSla()).toEqual({ created: false });
      });
    } finally {
      await scratch.drop();
    }
  },
);
