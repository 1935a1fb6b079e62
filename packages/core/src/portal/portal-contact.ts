import type { Prisma } from "@helpline/db";
import { isLocale, type Locale } from "@helpline/i18n";

/** The signed-in Customer Portal user: one contact of one customer. */
export type PortalContact = {
  id: string;
  customerId: string;
  customerName: string;
  email: string;
  fullName: string;
  isMainContact: boolean;
  emailOnReplies: boolean;
  /** The language the person chose in Preferences, or null while it is automatic (getContactLanguage). */
  chosenLanguage: Locale | null;
};

export const PORTAL_CONTACT_SELECT = {
  id: true,
  customerId: true,
  email: true,
  fullName: true,
  isMainContact: true,
  emailOnReplies: true,
  language: true,
  languageSource: true,
  customer: { select: { name: true } },
} satisfies Prisma.ContactSelect;

export function toPortalContact(
  row: Prisma.ContactGetPayload<{ select: typeof PORTAL_CONTACT_SELECT }>,
): PortalContact {
  const { customer, language, languageSource, ...contact } = row;
  const chosenLanguage = languageSource === "chosen" && isLocale(language) ? language : null;
  return { ...contact, customerName: customer.name, chosenLanguage };
}

/**
 * The tickets a contact may reach, as a `where` clause every portal query starts from: their own,
 * or — for the customer's main contact — every ticket of their customer. Never another customer's.
 */
export function portalTicketScope(
  contact: PortalContact,
  view: "mine" | "customer" = "customer",
): Prisma.TicketWhereInput {
  if (contact.isMainContact && view === "customer") return { customerId: contact.customerId };
  return { customerId: contact.customerId, contactId: contact.id };
}
