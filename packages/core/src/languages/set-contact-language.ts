import type { Locale } from "@helpline/i18n";
import { getPrisma } from "@helpline/db";
import { DomainError } from "../errors.ts";

/**
 * The person's own choice of language (Personal Info Settings on the agent, Preferences in the
 * portal): stored on the contact as "chosen", so a Windows display language reported later does
 * not override it. `language` null goes back to automatic: the contact follows the Windows display
 * language again when the agent next reports it, else the customer's and the MSP's defaults.
 * Tenancy is the caller's: `contactId` comes from the portal session or the confirmed profile.
 * Throws DomainError 404 `contact_not_found` when the contact is gone.
 */
export async function setContactLanguage(options: { contactId: string; language: Locale | null }): Promise<void> {
  const { count } = await getPrisma().contact.updateMany({
    where: { id: options.contactId },
    data: { language: options.language, languageSource: options.language ? "chosen" : null },
  });
  if (count === 0) throw new DomainError("contact_not_found", "This contact no longer exists.", 404);
}
