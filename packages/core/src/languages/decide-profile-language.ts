import { isLocale, localeFromTag, type Locale } from "@helpline/i18n";

/**
 * The rule of getProfileLanguage on values already read (the check-in decides it from the cached
 * device, without a query): a confirmed contact (`contact` present) speaks its own language (chosen,
 * or Windows' as stored on the contact), else the customer's default, else the MSP's; nobody
 * confirmed yet speaks the profile's reported Windows display language (`windowsLocale`, BCP 47),
 * else the customer's, else the MSP's. Stored codes that are no catalog are skipped.
 */
export function decideProfileLanguage(options: {
  contact: { language: string | null } | null;
  windowsLocale: string | null;
  customerLanguage: string | null;
  mspLanguage: Locale;
}): Locale {
  const { contact, customerLanguage, mspLanguage } = options;
  if (contact && isLocale(contact.language)) return contact.language;
  if (!contact) {
    const windows = localeFromTag(options.windowsLocale);
    if (windows) return windows;
  }
  return isLocale(customerLanguage) ? customerLanguage : mspLanguage;
}
