import type { Locale } from "@helpline/i18n";
import { getPrisma } from "@helpline/db";
import { DomainError } from "../errors.ts";
import { findHelpdeskProfile } from "../identity/find-helpdesk-profile.ts";
import { getProfileLanguage } from "./get-profile-language.ts";
import { setContactLanguage } from "./set-contact-language.ts";

/**
 * The agent's Personal Info Settings ▸ Language ▸ Save (`POST /helpdesk/language`): the choice of
 * the contact confirmed on `profile` of this device (setContactLanguage; null = automatic).
 * Returns the language now in force for the profile (getProfileLanguage). Throws DomainError 403
 * `helpdesk_inactive` (findHelpdeskProfile), 409 `identity_unconfirmed` before the person
 * confirmed who they are (the agent keeps the choice for its page meanwhile).
 */
export async function setProfileLanguage(options: {
  deviceId: string;
  profile: string;
  language: Locale | null;
}): Promise<{ language: Locale }> {
  const prisma = getPrisma();
  const profile = await findHelpdeskProfile(prisma, { deviceId: options.deviceId, profile: options.profile });
  // Like a ticket call: only a contact of this device's own customer is confirmed here.
  if (!profile.contact || profile.contact.customerId !== profile.device.customerId)
    throw new DomainError(
      "identity_unconfirmed",
      "Confirm your identity first: the language is kept for this computer until then.",
      409,
    );
  await setContactLanguage({ contactId: profile.contact.id, language: options.language });
  return { language: await getProfileLanguage({ profileId: profile.id }) };
}
