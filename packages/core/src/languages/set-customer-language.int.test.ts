import { getPrisma } from "@helpline/db";
import { createCustomerRow, createHelpdeskDeviceRow, createTechnicianRow } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { listContacts } from "../contacts/list-contacts.ts";
import { getCustomer } from "../customers/get-customer.ts";
import { getContactLanguage } from "./get-contact-language.ts";
import { ZSetCustomerLanguageInput } from "./language-input.ts";
import { recordWindowsLanguage } from "./record-windows-language.ts";
import { setContactLanguage } from "./set-contact-language.ts";
import { setCustomerLanguage } from "./set-customer-language.ts";

const admin = async () => ({ id: (await createTechnicianRow({ role: "admin" })).id, role: "admin" as const });

describe("Customer page ▸ Language (setCustomerLanguage)", () => {
  it("sets the customer's default and back to the MSP's, audited each time; contacts with their own keep it", async () => {
    const actor = await admin();
    const customer = await createCustomerRow();
    const { contact: follows } = await createHelpdeskDeviceRow({ customerId: customer.id });
    const { contact: windows } = await createHelpdeskDeviceRow({ customerId: customer.id });
    await recordWindowsLanguage({ contactIds: [windows!.id], tag: "en-US" });

    await setCustomerLanguage({
      actor,
      input: ZSetCustomerLanguageInput.parse({ customerId: customer.id, language: "fr" }),
    });
    expect(await getCustomer({ input: { customerId: customer.id } })).toMatchObject({ language: "fr" });
    expect(await getContactLanguage({ contactId: follows!.id })).toBe("fr");
    expect(await getContactLanguage({ contactId: windows!.id })).toBe("en");

    // The form's first option, "MSP default (English)", sends the empty string.
    await setCustomerLanguage({
      actor,
      input: ZSetCustomerLanguageInput.parse({ customerId: customer.id, language: "" }),
    });
    expect(await getCustomer({ input: { customerId: customer.id } })).toMatchObject({ language: null });
    expect(await getContactLanguage({ contactId: follows!.id })).toBe("en");

    const audit = await getPrisma().auditEvent.findMany({
      where: { subject: `customer:${customer.id}`, action: "customer.language" },
      orderBy: { at: "asc" },
      select: { actorId: true, data: true },
    });
    expect(audit).toEqual([
      { actorId: actor.id, data: { language: "fr" } },
      { actorId: actor.id, data: { language: null } },
    ]);
  });

  it("refuses a technician (403) and a customer that is gone (404), writing nothing", async () => {
    const technician = { id: (await createTechnicianRow()).id, role: "technician" as const };
    const customer = await createCustomerRow();
    await expect(
      setCustomerLanguage({ actor: technician, input: { customerId: customer.id, language: "fr" } }),
    ).rejects.toMatchObject({ status: 403, code: "forbidden" });
    expect(await getCustomer({ input: { customerId: customer.id } })).toMatchObject({ language: null });

    const gone = crypto.randomUUID();
    await expect(
      setCustomerLanguage({ actor: await admin(), input: { customerId: gone, language: "fr" } }),
    ).rejects.toMatchObject({ status: 404, code: "not_found" });
    expect(
      await getPrisma().auditEvent.count({
        where: { subject: { in: [`customer:${customer.id}`, `customer:${gone}`] } },
      }),
    ).toBe(0);
  });

  it("refuses a language Helpline has no catalog for, naming the field", () => {
    const parsed = ZSetCustomerLanguageInput.safeParse({ customerId: crypto.randomUUID(), language: "de" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["language"], message: "Choose one of: en, fr." });
  });
});

describe("Customer page ▸ Contacts (listContacts)", () => {
  it("lists each contact's own language and who set it, null for one following the customer", async () => {
    const customer = await createCustomerRow();
    const { contact: chosen } = await createHelpdeskDeviceRow({ customerId: customer.id, fullName: "Anne Chosen" });
    const { contact: windows } = await createHelpdeskDeviceRow({ customerId: customer.id, fullName: "Bruno Windows" });
    const { contact: follows } = await createHelpdeskDeviceRow({ customerId: customer.id, fullName: "Chloé Follows" });
    const { contact: stale } = await createHelpdeskDeviceRow({ customerId: customer.id, fullName: "Denis Stale" });
    await setContactLanguage({ contactId: chosen!.id, language: "fr" });
    await recordWindowsLanguage({ contactIds: [windows!.id], tag: "fr-CA" });
    // A code whose catalog was removed since: the contact follows the customer again.
    await getPrisma().contact.update({ where: { id: stale!.id }, data: { language: "de", languageSource: "chosen" } });

    const rows = await listContacts({ input: { customerId: customer.id } });
    expect(rows.map(({ id, language, languageSource }) => ({ id, language, languageSource }))).toEqual([
      { id: chosen!.id, language: "fr", languageSource: "chosen" },
      { id: windows!.id, language: "fr", languageSource: "windows" },
      { id: follows!.id, language: null, languageSource: null },
      { id: stale!.id, language: null, languageSource: null },
    ]);
  });
});
