import { LOCALES } from "@helpline/i18n";
import { z } from "zod";

/** One of the end users' languages (@helpline/i18n LOCALES: "en", "fr"); anything else names the choices. */
export const ZLocale = z.enum(LOCALES, { error: `Choose one of: ${LOCALES.join(", ")}.` });

/**
 * A language setting that may also be "follow the default": the empty string or null from a form's
 * first option ("Customer default", "Automatic") becomes null.
 */
export const ZOptionalLocale = z.preprocess((value) => (value === "" ? null : value), ZLocale.nullable());

/** Customer page ▸ Language: a language, or "" / null for the MSP's default. */
export const ZSetCustomerLanguageInput = z.object({
  customerId: z.uuid("Unknown customer."),
  language: ZOptionalLocale,
});
export type TSetCustomerLanguageInput = z.infer<typeof ZSetCustomerLanguageInput>;

/** Personal Info Settings / portal Preferences ▸ Language: a language, or "" / null for automatic. */
export const ZSetContactLanguageInput = z.object({ language: ZOptionalLocale });
export type TSetContactLanguageInput = z.infer<typeof ZSetContactLanguageInput>;
