import type { Locale } from "@helpline/i18n";
import { getPrisma } from "@helpline/db";
import { DomainError } from "../errors.ts";
import { bumpHelpdeskState } from "../helpdesk/bump-helpdesk-state.ts";
import { recordWindowsLanguage } from "./record-windows-language.ts";

/**
 * The person's own choice of language (Personal Info Settings on the agent, Preferences in the
 * portal): stored on the contact as "chosen", so a Windows display language reported later does
 * not override it. `language` null goes back to automatic: at once the Windows display language
 * last reported for a profile the contact is confirmed on (the latest seen), else the customer's
 * and the MSP's defaults; and whatever the agent reports from then on.
 * Every device the contact is confirmed on is bumped in the same transaction, so its agent speaks
 * the new language at its next answer (a held check-in wakes at once).
 * Tenancy is the caller's: `contactId` comes from the portal session or the confirmed profile.
 * Throws DomainError 404 `contact_not_found` when the contact is gone.
 */
export async function setContactLanguage(options: { contactId: string; language: Locale | null }): Promise<void> {
  await getPrisma().$transaction(async (tx) => {
    const { count } = await tx.contact.updateMany({
      where: { id: options.contactId },
      data: { language: options.language, languageSource: options.language ? "chosen" : null },
    });
    if (count === 0) throw new DomainError("contact_not_found", "This contact no longer exists.", 404);
    if (options.language === null) {
      const latest = await tx.deviceProfile.findFirst({
        where: { contactId: options.contactId, windowsLocale: { not: null } },
        orderBy: { lastSeenAt: "desc" },
        select: { windowsLocale: true },
      });
      await recordWindowsLanguage({ contactIds: [options.contactId], tag: latest?.windowsLocale, db: tx });
    }
    // Read after the contact's row is locked: a profile confirmed as this contact meanwhile bumps
    // its own device when it commits, and that device then reads the language written here.
    const devices = await tx.deviceProfile.findMany({
      where: { contactId: options.contactId },
      select: { deviceId: true },
      distinct: ["deviceId"],
    });
    await bumpHelpdeskState(
      tx,
      devices.map((device) => device.deviceId),
    );
  });
}
