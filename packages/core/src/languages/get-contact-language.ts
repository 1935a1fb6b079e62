import { isLocale, type Locale } from "@helpline/i18n";
import { getPrisma, type Prisma } from "@helpline/db";
import { getMspLanguage } from "./get-msp-language.ts";

/**
 * The language to speak to an end user in, by the order of issue #14 (F11): the contact's own
 * (chosen by the person in Personal Info Settings or the portal's Preferences, else the Windows
 * display language the agent reported, both stored on the contact), else the customer's default
 * (Customer page ▸ Language), else the MSP's (Settings ▸ General ▸ Language), else English.
 * `contactId` null or unknown (a stranger's mail, a sign-in request for an unknown address) starts
 * at the customer, `customerId` null at the MSP. A stored code that is no longer a catalog is
 * skipped. `db` is the caller's transaction when there is one (the embedded database serves one
 * at a time). Never throws for missing rows.
 */
export async function getContactLanguage(options: {
  contactId?: string | null;
  customerId?: string | null;
  db?: Prisma.TransactionClient;
}): Promise<Locale> {
  const db = options.db ?? getPrisma();
  let customerId = options.customerId ?? null;
  if (options.contactId) {
    const contact = await db.contact.findUnique({
      where: { id: options.contactId },
      select: { language: true, customerId: true, customer: { select: { language: true } } },
    });
    if (isLocale(contact?.language)) return contact.language;
    if (isLocale(contact?.customer.language)) return contact.customer.language;
    customerId = contact ? null : customerId;
  }
  if (customerId) {
    const customer = await db.customer.findUnique({ where: { id: customerId }, select: { language: true } });
    if (isLocale(customer?.language)) return customer.language;
  }
  return getMspLanguage({ db });
}
