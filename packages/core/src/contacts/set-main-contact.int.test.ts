import { getPrisma } from "@helpline/db";
import { createCustomerRow, createHelpdeskDeviceRow, createTechnicianRow } from "@helpline/db/testing";
import { expect, it } from "vitest";
import { setMainContact } from "./set-main-contact.ts";

// The same toggle sent at once: a read-then-write race that shows only on PostgreSQL.
it("Main contact ticked 5 times at once is set and audited once; unticking it likewise", async () => {
  const actor = { id: (await createTechnicianRow()).id, role: "technician" as const };
  const customer = await createCustomerRow();
  const { contact } = await createHelpdeskDeviceRow({ customerId: customer.id });
  const audit = (action: string) =>
    getPrisma().auditEvent.count({ where: { subject: `customer:${customer.id}`, action } });
  for (const isMainContact of [true, false]) {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => setMainContact({ actor, input: { contactId: contact!.id, isMainContact } })),
    );
    expect(results).toEqual(Array(5).fill({ fullName: contact!.fullName }));
    expect((await getPrisma().contact.findUniqueOrThrow({ where: { id: contact!.id } })).isMainContact).toBe(
      isMainContact,
    );
    expect(await audit(isMainContact ? "contact.main_set" : "contact.main_unset")).toBe(1);
  }
  await expect(
    setMainContact({ actor, input: { contactId: crypto.randomUUID(), isMainContact: true } }),
  ).rejects.toMatchObject({ status: 404 });
});
