import { getPrisma } from "@helpline/db";
import type { PortalContact } from "./portal-contact.ts";
import type { TContactPreferencesInput } from "./portal-input.ts";

/** The contact's own mail preference (replies always show in the portal either way). */
export async function setContactPreferences(options: {
  contact: PortalContact;
  input: TContactPreferencesInput;
}): Promise<void> {
  await getPrisma().contact.update({
    where: { id: options.contact.id },
    data: { emailOnReplies: options.input.emailOnReplies },
  });
}
