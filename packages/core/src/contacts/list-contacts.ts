import { getPrisma } from "@helpline/db";
import type { TCustomerRef } from "../customers/customer-input.ts";
import { contactOwnLanguage } from "../languages/contact-own-language.ts";

/**
 * Customer page ▸ Contacts: each person, where they confirmed (profile on device), and whether
 * mail to their address bounces (`emailBouncedAt` UTC and the delivery report's reason, RFC 3464),
 * and their own language with who set it (contactOwnLanguage: `language` a LOCALES code,
 * `languageSource` "chosen" | "windows"; both null when they follow their customer's default).
 */
export async function listContacts(options: { input: TCustomerRef }) {
  const contacts = await getPrisma().contact.findMany({
    where: { customerId: options.input.customerId },
    orderBy: [{ isMainContact: "desc" }, { fullName: "asc" }],
    select: {
      id: true,
      fullName: true,
      email: true,
      isMainContact: true,
      emailBouncedAt: true,
      emailBounceReason: true,
      language: true,
      languageSource: true,
      profiles: { select: { name: true, device: { select: { id: true, hostname: true } } }, orderBy: { name: "asc" } },
    },
  });
  return contacts.map((contact) => ({ ...contact, ...contactOwnLanguage(contact) }));
}
