import { getPrisma } from "@helpline/db";
import { createCustomerRow } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { calendarInput, holdingDefaultSlaPolicy, policyInput, slaAdmin } from "../testing/sla-settings-fixtures.ts";
import { createSlaCalendar } from "./create-sla-calendar.ts";
import { createSlaPolicy } from "./create-sla-policy.ts";
import { getDefaultSlaPolicyId } from "./default-sla-policy.ts";
import { deleteSlaCalendar } from "./delete-sla-calendar.ts";
import { deleteSlaPolicy } from "./delete-sla-policy.ts";
import { listSlaPolicies } from "./list-sla-policies.ts";
import { setCustomerSlaPolicy } from "./set-customer-sla-policy.ts";
import { setDefaultSlaPolicy } from "./set-default-sla-policy.ts";

// The tests that set the default policy (one server-wide setting) hold holdingDefaultSlaPolicy's
// lock, as clock's lifecycle tests do, so they never interleave on PostgreSQL.
// Admins acting at the same moment, as several browsers (and processes) would: the races show only
// on PostgreSQL (PGlite runs one transaction at a time), where these assertions matter; on PGlite
// they check the same outcomes. Each outcome is "one winner, the others a clean 4xx".
const prisma = () => getPrisma();
const ROUNDS = 10;

/** Settled results as "ok" or the refusal's status and code. */
async function outcomes(attempts: Promise<unknown>[]) {
  const settled = await Promise.allSettled(attempts);
  return settled.map((result) =>
    result.status === "fulfilled"
      ? "ok"
      : `${(result.reason as { status?: number }).status} ${(result.reason as { code?: string }).code}`,
  );
}

describe("SLA settings under concurrent admins", () => {
  it("five creates of one calendar name at once: one calendar, four 409 name_taken", async () => {
    const actor = await slaAdmin();
    const input = calendarInput();
    const results = await outcomes(Array.from({ length: 5 }, () => createSlaCalendar({ actor, input })));
    expect(results.sort()).toEqual(["409 name_taken", "409 name_taken", "409 name_taken", "409 name_taken", "ok"]);
    expect(await prisma().slaCalendar.count({ where: { name: input.name } })).toBe(1);
    expect(await prisma().auditEvent.count({ where: { actorId: actor.id } })).toBe(1);
  });

  it("five creates of one policy name at once: one policy, four 409 name_taken", async () => {
    const actor = await slaAdmin();
    const calendar = await createSlaCalendar({ actor, input: calendarInput() });
    const input = policyInput(calendar.id);
    const results = await outcomes(Array.from({ length: 5 }, () => createSlaPolicy({ actor, input })));
    expect(results.sort()).toEqual(["409 name_taken", "409 name_taken", "409 name_taken", "409 name_taken", "ok"]);
    expect(await prisma().slaPolicy.count({ where: { name: input.name } })).toBe(1);
  });

  it("the default policy: one at a time, shown as such, and it cannot be deleted (409 naming why)", () =>
    holdingDefaultSlaPolicy(async () => {
      const actor = await slaAdmin();
      const calendar = await createSlaCalendar({ actor, input: calendarInput() });
      const first = await createSlaPolicy({ actor, input: policyInput(calendar.id) });
      const second = await createSlaPolicy({ actor, input: policyInput(calendar.id) });
      await setDefaultSlaPolicy({ actor, input: { policyId: first.id } });
      await setDefaultSlaPolicy({ actor, input: { policyId: second.id } });
      expect(await getDefaultSlaPolicyId()).toBe(second.id);
      const rows = (await listSlaPolicies()).filter((row) => row.isDefault);
      expect(rows.map((row) => row.id)).toEqual([second.id]);
      await expect(deleteSlaPolicy({ actor, input: { policyId: second.id } })).rejects.toMatchObject({
        code: "policy_in_use",
        status: 409,
        message: `${second.name} is the default policy. Make another policy the default first.`,
      });
      await deleteSlaPolicy({ actor, input: { policyId: first.id } });
      await expect(setDefaultSlaPolicy({ actor, input: { policyId: first.id } })).rejects.toMatchObject({
        status: 404,
      });
      expect(
        await prisma().auditEvent.count({
          where: { action: "sla.policy_default", subject: `sla_policy:${second.id}` },
        }),
      ).toBe(1);
    }));

  it("two Make default at once both succeed and leave exactly one default, one of the two", () =>
    holdingDefaultSlaPolicy(async () => {
      const actor = await slaAdmin();
      const calendar = await createSlaCalendar({ actor, input: calendarInput() });
      for (let round = 0; round < ROUNDS; round++) {
        const a = await createSlaPolicy({ actor, input: policyInput(calendar.id) });
        const b = await createSlaPolicy({ actor, input: policyInput(calendar.id) });
        const results = await outcomes([
          setDefaultSlaPolicy({ actor, input: { policyId: a.id } }),
          setDefaultSlaPolicy({ actor, input: { policyId: b.id } }),
        ]);
        expect(results).toEqual(["ok", "ok"]);
        expect(await prisma().systemSetting.count({ where: { key: "sla.defaultPolicyId" } })).toBe(1);
        expect([a.id, b.id]).toContain(await getDefaultSlaPolicyId());
      }
    }));

  it("Make default and Delete of one policy at once: either it is the default and the delete is refused, or it is gone and Make default 404s", () =>
    holdingDefaultSlaPolicy(async () => {
      const actor = await slaAdmin();
      const calendar = await createSlaCalendar({ actor, input: calendarInput() });
      for (let round = 0; round < ROUNDS; round++) {
        const policy = await createSlaPolicy({ actor, input: policyInput(calendar.id) });
        const [made, deleted] = await outcomes([
          setDefaultSlaPolicy({ actor, input: { policyId: policy.id } }),
          deleteSlaPolicy({ actor, input: { policyId: policy.id } }),
        ]);
        const exists = (await prisma().slaPolicy.count({ where: { id: policy.id } })) === 1;
        if (exists) {
          expect([made, deleted]).toEqual(["ok", "409 policy_in_use"]);
          expect(await getDefaultSlaPolicyId()).toBe(policy.id);
        } else {
          expect([made, deleted]).toEqual(["404 not_found", "ok"]);
          expect(await getDefaultSlaPolicyId()).not.toBe(policy.id);
        }
      }
    }));

  it("a customer given a policy while it is deleted: never a customer silently back on the default", async () => {
    const actor = await slaAdmin();
    const calendar = await createSlaCalendar({ actor, input: calendarInput() });
    const customer = await createCustomerRow();
    for (let round = 0; round < ROUNDS; round++) {
      const policy = await createSlaPolicy({ actor, input: policyInput(calendar.id) });
      const [assigned, deleted] = await outcomes([
        setCustomerSlaPolicy({ actor, input: { customerId: customer.id, policyId: policy.id } }),
        deleteSlaPolicy({ actor, input: { policyId: policy.id } }),
      ]);
      const { slaPolicyId } = await prisma().customer.findUniqueOrThrow({ where: { id: customer.id } });
      if (assigned === "ok") {
        expect(deleted).toBe("409 policy_in_use");
        expect(slaPolicyId).toBe(policy.id);
        await setCustomerSlaPolicy({ actor, input: { customerId: customer.id, policyId: null } });
      } else {
        expect([assigned, deleted]).toEqual(["422 policy_not_found", "ok"]);
        expect(slaPolicyId).toBeNull();
      }
    }
  });

  it("a policy created on a calendar while the calendar is deleted: either the policy exists on it, or the calendar is gone and the create is a field error", async () => {
    const actor = await slaAdmin();
    for (let round = 0; round < ROUNDS; round++) {
      const calendar = await createSlaCalendar({ actor, input: calendarInput() });
      const input = policyInput(calendar.id);
      const [created, deleted] = await outcomes([
        createSlaPolicy({ actor, input }),
        deleteSlaCalendar({ actor, input: { calendarId: calendar.id } }),
      ]);
      const calendarExists = (await prisma().slaCalendar.count({ where: { id: calendar.id } })) === 1;
      if (calendarExists) {
        expect([created, deleted]).toEqual(["ok", "409 calendar_in_use"]);
      } else {
        expect([created, deleted]).toEqual(["422 calendar_not_found", "ok"]);
        expect(await prisma().slaPolicy.count({ where: { name: input.name } })).toBe(0);
      }
    }
  });
});
