import { getPrisma, type Prisma } from "@helpline/db";
import { createCustomerRow, createHelpdeskDeviceRow } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { getContactLanguage } from "./get-contact-language.ts";
import { getProfileLanguage } from "./get-profile-language.ts";
import { MSP_LANGUAGE_KEY } from "./get-msp-language.ts";
import { recordWindowsLanguage } from "./record-windows-language.ts";
import { setContactLanguage } from "./set-contact-language.ts";

class Rollback extends Error {}

/** Runs `check` with the MSP's default set to French in a transaction that is rolled back, so tests running beside it keep English. */
async function withMspFrench(check: (db: Prisma.TransactionClient) => Promise<void>) {
  await expect(
    getPrisma().$transaction(async (tx) => {
      await tx.systemSetting.upsert({
        where: { key: MSP_LANGUAGE_KEY },
        create: { key: MSP_LANGUAGE_KEY, value: "fr" },
        update: { value: "fr" },
      });
      await check(tx);
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
}

async function newContact() {
  const customer = await createCustomerRow();
  const { contact } = await createHelpdeskDeviceRow({ customerId: customer.id });
  return { customer, contact: contact! };
}

describe("the language order: chosen → Windows → customer → MSP", () => {
  it("falls from the MSP's default to the customer's, Windows' and the person's own choice", async () => {
    const { customer, contact } = await newContact();
    const language = () => getContactLanguage({ contactId: contact.id });
    expect(await language()).toBe("en");
    await withMspFrench(async (db) => expect(await getContactLanguage({ contactId: contact.id, db })).toBe("fr"));

    await getPrisma().customer.update({ where: { id: customer.id }, data: { language: "fr" } });
    expect(await language()).toBe("fr");

    expect(await recordWindowsLanguage({ contactIds: [contact.id], tag: "en-US" })).toBe(1);
    expect(await language()).toBe("en");

    await setContactLanguage({ contactId: contact.id, language: "fr" });
    expect(await recordWindowsLanguage({ contactIds: [contact.id], tag: "en-US" })).toBe(0);
    expect(await language()).toBe("fr");

    // Back to automatic: the next Windows report counts again.
    await setContactLanguage({ contactId: contact.id, language: null });
    expect(await language()).toBe("fr");
    expect(await recordWindowsLanguage({ contactIds: [contact.id], tag: "en-GB" })).toBe(1);
    expect(await language()).toBe("en");
  });

  it("writes nothing for a Windows language it has no catalog for, or one already stored", async () => {
    const { contact } = await newContact();
    expect(await recordWindowsLanguage({ contactIds: [contact.id], tag: "de-DE" })).toBe(0);
    expect(await recordWindowsLanguage({ contactIds: [contact.id], tag: "fr-FR" })).toBe(1);
    expect(await recordWindowsLanguage({ contactIds: [contact.id], tag: "fr-CA" })).toBe(0);
    expect(await getPrisma().contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({
      language: "fr",
      languageSource: "windows",
    });
  });

  it("starts at the customer for someone not a contact yet, and at the MSP for a stranger", async () => {
    const customer = await createCustomerRow();
    await getPrisma().customer.update({ where: { id: customer.id }, data: { language: "fr" } });
    expect(await getContactLanguage({ contactId: null, customerId: customer.id })).toBe("fr");
    expect(await getContactLanguage({ contactId: crypto.randomUUID(), customerId: customer.id })).toBe("fr");
    expect(await getContactLanguage({})).toBe("en");
    await withMspFrench(async (db) => expect(await getContactLanguage({ db })).toBe("fr"));
  });

  it("refuses to set the language of a contact that is gone", async () => {
    await expect(setContactLanguage({ contactId: crypto.randomUUID(), language: "fr" })).rejects.toMatchObject({
      status: 404,
    });
  });

  // A check-in reporting Windows' language while the person picks theirs: on PostgreSQL the report
  // must never overwrite the choice, whichever commits first.
  it("never lets a Windows report racing the person's choice overwrite it", async () => {
    for (let round = 0; round < 5; round++) {
      const { contact } = await newContact();
      await Promise.all([
        ...Array.from({ length: 6 }, () => recordWindowsLanguage({ contactIds: [contact.id], tag: "en-US" })),
        setContactLanguage({ contactId: contact.id, language: "fr" }),
        ...Array.from({ length: 6 }, () => recordWindowsLanguage({ contactIds: [contact.id], tag: "en-US" })),
      ]);
      expect(await getPrisma().contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({
        language: "fr",
        languageSource: "chosen",
      });
    }
  });
});

describe("getProfileLanguage (the agent's page and the token mail)", () => {
  it("uses the reported Windows language before anyone is confirmed, then the contact's", async () => {
    const customer = await createCustomerRow();
    const { profile, contact } = await createHelpdeskDeviceRow({ customerId: customer.id });
    await getPrisma().deviceProfile.update({
      where: { id: profile.id },
      data: { contactId: null, windowsLocale: "fr-FR" },
    });
    expect(await getProfileLanguage({ profileId: profile.id })).toBe("fr");
    await getPrisma().deviceProfile.update({ where: { id: profile.id }, data: { windowsLocale: "de-DE" } });
    expect(await getProfileLanguage({ profileId: profile.id })).toBe("en");
    await getPrisma().customer.update({ where: { id: customer.id }, data: { language: "fr" } });
    expect(await getProfileLanguage({ profileId: profile.id })).toBe("fr");
    await getPrisma().deviceProfile.update({ where: { id: profile.id }, data: { contactId: contact!.id } });
    await setContactLanguage({ contactId: contact!.id, language: "en" });
    expect(await getProfileLanguage({ profileId: profile.id })).toBe("en");
    expect(await getProfileLanguage({ profileId: crypto.randomUUID() })).toBe("en");
  });
});
