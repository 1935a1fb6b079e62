import { getPrisma } from "@helpline/db";
import { createCustomerRow, createTechnicianRow, createTicketRow, unique } from "@helpline/db/testing";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { calendarInput, policyInput, slaAdmin } from "../testing/sla-settings-fixtures.ts";
import { createSlaCalendar } from "./create-sla-calendar.ts";
import { createSlaPolicy } from "./create-sla-policy.ts";
import { deleteSlaPolicy } from "./delete-sla-policy.ts";
import { getCustomerSlaPolicy } from "./get-customer-sla-policy.ts";
import { listSlaPolicies } from "./list-sla-policies.ts";
import { setCustomerSlaPolicy } from "./set-customer-sla-policy.ts";
import { setDefaultSlaPolicy } from "./set-default-sla-policy.ts";
import { ZSlaPolicyInput } from "./sla-input.ts";
import { updateSlaPolicy } from "./update-sla-policy.ts";

const prisma = () => getPrisma();

async function scene() {
  const actor = await slaAdmin();
  const calendar = await createSlaCalendar({ actor, input: calendarInput() });
  return { actor, calendar };
}

// The default policy is one server-wide setting: the tests that set it are in
// sla-settings-races.int.test.ts, one after the other (files run in parallel on PostgreSQL).
describe("SLA policies", () => {
  it("an admin creates a policy on a calendar; it is listed with its calendar and targets, and audited", async () => {
    const { actor, calendar } = await scene();
    const input = policyInput(calendar.id, { warningPercent: 80 });
    const created = await createSlaPolicy({ actor, input });
    const listed = (await listSlaPolicies()).find((row) => row.id === created.id);
    expect(listed).toMatchObject({
      name: input.name,
      calendar: { id: calendar.id, name: calendar.name, timeZone: "Europe/Paris" },
      targets: input.targets,
      warningPercent: 80,
      isDefault: false,
      customerCount: 0,
    });
    expect(
      await prisma().auditEvent.count({ where: { action: "sla.policy_created", subject: `sla_policy:${created.id}` } }),
    ).toBe(1);
  });

  it("refuses a taken name (409 at name) and a calendar that is gone (422 at calendarId); saves nothing", async () => {
    const { actor, calendar } = await scene();
    const input = policyInput(calendar.id);
    await createSlaPolicy({ actor, input });
    await expect(createSlaPolicy({ actor, input })).rejects.toMatchObject({
      code: "name_taken",
      status: 409,
      fields: { name: expect.any(String) },
    });
    const lost = policyInput(randomUUID());
    await expect(createSlaPolicy({ actor, input: lost })).rejects.toMatchObject({
      code: "calendar_not_found",
      status: 422,
      fields: { calendarId: expect.any(String) },
    });
    expect(await prisma().slaPolicy.count({ where: { name: { in: [input.name, lost.name] } } })).toBe(1);
    expect(await prisma().auditEvent.count({ where: { actorId: actor.id, action: "sla.policy_created" } })).toBe(1);
  });

  it("bad targets are refused at the edge, each a field error at its row", () => {
    const input = policyInput(randomUUID());
    const paths = (targets: unknown) =>
      ZSlaPolicyInput.safeParse({ ...input, targets }).error?.issues.map((issue) => issue.path.join(".")) ?? [];
    expect(
      paths({ ...input.targets, low: { ...input.targets.low, firstResponse: { amount: 0, unit: "hours" } } }),
    ).toEqual(["targets.low.firstResponse.amount"]);
    expect(
      paths({ ...input.targets, high: { ...input.targets.high, resolution: { amount: -1, unit: "hours" } } }),
    ).toEqual(["targets.high.resolution.amount"]);
    expect(
      paths({
        ...input.targets,
        critical: { firstResponse: { amount: 4, unit: "hours" }, resolution: { amount: 1, unit: "hours" } },
      }),
    ).toEqual(["targets.critical.resolution.amount"]);
  });

  it("a resolution in days shorter than a first response in hours, by the calendar's business day, is a field error", async () => {
    const { actor, calendar } = await scene();
    const input = policyInput(calendar.id);
    const high = (firstHours: number) => ({
      ...input.targets,
      high: {
        firstResponse: { amount: firstHours, unit: "hours" as const },
        resolution: { amount: 1, unit: "days" as const },
      },
    });
    // Mon–Fri 09:00–17:00: a business day is 8 hours.
    const error = await createSlaPolicy({ actor, input: { ...input, targets: high(9) } }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "invalid_targets",
      status: 422,
      fields: { "targets.high.resolution.amount": expect.stringContaining("is 8 h") },
    });
    expect(await prisma().slaPolicy.count({ where: { name: input.name } })).toBe(0);
    const { id } = await createSlaPolicy({ actor, input: { ...input, targets: high(8) } });
    const allDay = await createSlaCalendar({
      actor,
      input: calendarInput({
        weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "24:00" })),
      }),
    });
    await expect(
      updateSlaPolicy({ actor, input: { ...input, targets: high(20), policyId: id } }),
    ).rejects.toMatchObject({ code: "invalid_targets" });
    await updateSlaPolicy({ actor, input: { ...input, calendarId: allDay.id, targets: high(20), policyId: id } });
  });

  it("an update changes the policy for new tickets only: open tickets keep their snapshot", async () => {
    const { actor, calendar } = await scene();
    const input = policyInput(calendar.id);
    const { id } = await createSlaPolicy({ actor, input });
    const ticket = await createTicketRow({ customerId: (await createCustomerRow()).id });
    const snapshot = { policyId: id, policyName: input.name, takenAt: new Date().toISOString(), warningPercent: 75 };
    await prisma().ticket.update({ where: { id: ticket.id }, data: { slaPolicyId: id, slaTargets: snapshot } });
    const other = await createSlaCalendar({ actor, input: calendarInput() });
    const changed = { ...input, name: unique("Gold"), calendarId: other.id, warningPercent: 50, policyId: id };
    expect(await updateSlaPolicy({ actor, input: changed })).toEqual({ id, name: changed.name });
    expect((await listSlaPolicies()).find((row) => row.id === id)).toMatchObject({
      name: changed.name,
      calendar: { id: other.id },
      warningPercent: 50,
    });
    expect((await prisma().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).slaTargets).toEqual(snapshot);
    await expect(updateSlaPolicy({ actor, input: { ...changed, policyId: randomUUID() } })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("a customer's own policy: set, shown with its calendar, back to the default; a policy in use cannot be deleted", async () => {
    const { actor, calendar } = await scene();
    const own = await createSlaPolicy({ actor, input: policyInput(calendar.id) });
    const customer = await createCustomerRow({ name: unique("Acme") });
    await setCustomerSlaPolicy({ actor, input: { customerId: customer.id, policyId: own.id } });
    expect(await getCustomerSlaPolicy({ input: { customerId: customer.id } })).toMatchObject({
      ownPolicyId: own.id,
      applies: { id: own.id, calendar: { id: calendar.id, timeZone: "Europe/Paris" } },
    });
    expect((await listSlaPolicies()).find((row) => row.id === own.id)?.customerCount).toBe(1);
    await expect(deleteSlaPolicy({ actor, input: { policyId: own.id } })).rejects.toMatchObject({
      code: "policy_in_use",
      status: 409,
      message: expect.stringContaining(customer.name),
    });
    await setCustomerSlaPolicy({ actor, input: { customerId: customer.id, policyId: null } });
    const back = await getCustomerSlaPolicy({ input: { customerId: customer.id } });
    expect(back.ownPolicyId).toBeNull();
    // Whatever the default is at that moment (other files set it too), it is what applies.
    expect(back.applies === null || back.applies.isDefault).toBe(true);
    await deleteSlaPolicy({ actor, input: { policyId: own.id } });
    expect(
      await prisma().auditEvent.count({ where: { action: "customer.sla_policy", subject: `customer:${customer.id}` } }),
    ).toBe(2);
  });

  it("a customer's policy that is gone is a field error; an unknown customer 404", async () => {
    const { actor } = await scene();
    const customer = await createCustomerRow();
    await expect(
      setCustomerSlaPolicy({ actor, input: { customerId: customer.id, policyId: randomUUID() } }),
    ).rejects.toMatchObject({ code: "policy_not_found", status: 422, fields: { policyId: expect.any(String) } });
    await expect(
      setCustomerSlaPolicy({ actor, input: { customerId: randomUUID(), policyId: null } }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(getCustomerSlaPolicy({ input: { customerId: randomUUID() } })).rejects.toMatchObject({ status: 404 });
  });

  it("is for admins to change; technicians may read", async () => {
    const { actor: admin, calendar } = await scene();
    const policy = await createSlaPolicy({ actor: admin, input: policyInput(calendar.id) });
    const technician = await createTechnicianRow();
    const actor = { id: technician.id, role: "technician" as const };
    const customer = await createCustomerRow();
    for (const attempt of [
      () => createSlaPolicy({ actor, input: policyInput(calendar.id) }),
      () => updateSlaPolicy({ actor, input: { ...policyInput(calendar.id), policyId: policy.id } }),
      () => deleteSlaPolicy({ actor, input: { policyId: policy.id } }),
      () => setDefaultSlaPolicy({ actor, input: { policyId: policy.id } }),
      () => setCustomerSlaPolicy({ actor, input: { customerId: customer.id, policyId: policy.id } }),
    ])
      await expect(attempt()).rejects.toMatchObject({ code: "forbidden", status: 403 });
    expect((await listSlaPolicies()).some((row) => row.id === policy.id)).toBe(true);
  });
});
