import { getPrisma, type Prisma } from "@helpline/db";
import { decideProfileLanguage } from "./decide-profile-language.ts";
import { getMspLanguage } from "./get-msp-language.ts";
import type { Locale } from "@helpline/i18n";

/**
 * The language to speak in to whoever is signed in as a device profile (the agent's local page and
 * tray, the identity token mail): the confirmed contact's (getContactLanguage's order); before
 * anyone is confirmed, the Windows display language the agent reported for the profile, else the
 * device's customer's default, else the MSP's (the rule: decideProfileLanguage). An unknown
 * profile gets the MSP's. `db` is the caller's transaction when there is one. Never throws for
 * missing rows.
 */
export async function getProfileLanguage(options: {
  profileId: string;
  db?: Prisma.TransactionClient;
}): Promise<Locale> {
  const db = options.db ?? getPrisma();
  const profile = await db.deviceProfile.findUnique({
    where: { id: options.profileId },
    select: {
      windowsLocale: true,
      contact: { select: { language: true, customer: { select: { language: true } } } },
      device: { select: { customer: { select: { language: true } } } },
    },
  });
  const mspLanguage = await getMspLanguage({ db });
  if (!profile) return mspLanguage;
  return decideProfileLanguage({
    contact: profile.contact,
    windowsLocale: profile.windowsLocale,
    customerLanguage: profile.contact ? profile.contact.customer.language : profile.device.customer.language,
    mspLanguage,
  });
}
