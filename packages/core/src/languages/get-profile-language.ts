import { isLocale, localeFromTag, type Locale } from "@helpline/i18n";
import { getPrisma, type Prisma } from "@helpline/db";
import { getContactLanguage } from "./get-contact-language.ts";
import { getMspLanguage } from "./get-msp-language.ts";

/**
 * The language to speak in to whoever is signed in as a device profile (the agent's local page and
 * tray, the identity token mail): the confirmed contact's (getContactLanguage's order); before
 * anyone is confirmed, the Windows display language the agent reported for the profile, else the
 * device's customer's default, else the MSP's. An unknown profile gets the MSP's. `db` is the
 * caller's transaction when there is one. Never throws for missing rows.
 */
export async function getProfileLanguage(options: {
  profileId: string;
  db?: Prisma.TransactionClient;
}): Promise<Locale> {
  const db = options.db ?? getPrisma();
  const profile = await db.deviceProfile.findUnique({
    where: { id: options.profileId },
    select: { contactId: true, windowsLocale: true, device: { select: { customer: { select: { language: true } } } } },
  });
  if (!profile) return getMspLanguage({ db });
  if (profile.contactId) return getContactLanguage({ contactId: profile.contactId, db });
  const windows = localeFromTag(profile.windowsLocale);
  if (windows) return windows;
  const customer = profile.device.customer.language;
  return isLocale(customer) ? customer : getMspLanguage({ db });
}
