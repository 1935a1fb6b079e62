import { isLocale } from "@helpline/i18n";
import { getPrisma } from "@helpline/db";
import type { TCustomerRef } from "./customer-input.ts";

/**
 * The Customer page's header: name, install key, counts and `language` (Customer page ▸ Language:
 * a LOCALES code, or null for the MSP's default); null when there is no such customer.
 */
export async function getCustomer(options: { input: TCustomerRef }) {
  const customer = await getPrisma().customer.findUnique({
    where: { id: options.input.customerId },
    select: {
      id: true,
      name: true,
      installKey: true,
      installKeyRotatedAt: true,
      autoActivateHelpdesk: true,
      language: true,
      createdAt: true,
      _count: { select: { devices: true, contacts: true } },
    },
  });
  if (!customer) return null;
  const { _count, language, ...rest } = customer;
  return {
    ...rest,
    // A code that is no longer a catalog counts as unset, as in getContactLanguage.
    language: isLocale(language) ? language : null,
    deviceCount: _count.devices,
    contactCount: _count.contacts,
  };
}
