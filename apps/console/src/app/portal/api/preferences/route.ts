import {
  getContactLanguage,
  setContactLanguage,
  setContactPreferences,
  ZContactPreferencesInput,
  ZSetContactLanguageInput,
} from "@helpline/core";
import { getTranslator } from "@helpline/i18n";
import { NextResponse } from "next/server";
import { withContact } from "@/modules/portal/with-contact";

// Preferences saves one setting at a time: the mail on replies, or the language ("" = automatic).
const ZPortalPreferencesInput = ZContactPreferencesInput.partial()
  .extend(ZSetContactLanguageInput.partial().shape)
  .refine((input) => input.emailOnReplies !== undefined || input.language !== undefined, {
    message: "Send emailOnReplies or language.",
  });

/**
 * The signed-in contact's own preferences. A language saved answers `message` in the language the
 * portal speaks from now on (the chosen one, or for Automatic the next in the order), which the
 * page shows as it re-renders in it.
 */
export const POST = withContact(ZPortalPreferencesInput, async ({ contact, input }) => {
  if (input.emailOnReplies !== undefined)
    await setContactPreferences({ contact, input: { emailOnReplies: input.emailOnReplies } });
  if (input.language === undefined) return NextResponse.json({ emailOnReplies: input.emailOnReplies });
  await setContactLanguage({ contactId: contact.id, language: input.language });
  const speaks = await getContactLanguage({ contactId: contact.id });
  return NextResponse.json({
    language: input.language,
    message: getTranslator(speaks, "portal")("preferences.languageSaved"),
  });
});
