import { getPrisma, type Prisma } from "@helpline/db";
import type { TContactRef } from "./contact-input.ts";

/** What the REST API shows of a contact (the Customer page's Contacts tab, and whose customer). */
export const CONTACT_SELECT = {
  id: true,
  customer: { select: { id: true, name: true } },
  fullName: true,
  email: true,
  isMainContact: true,
  emailOnReplies: true,
  emailBouncedAt: true,
  emailBounceReason: true,
  language: true,
  languageSource: true,
  createdAt: true,
  profiles: { select: { name: true, device: { select: { id: true, hostname: true } } }, orderBy: { name: "asc" } },
} as const satisfies Prisma.ContactSelect;

/**
 * One contact: who they are, whether they are their customer's main contact, whether mail to them
 * bounces (`emailBouncedAt` UTC and the delivery report's reason), their own language and who set
 * it (`language` a LOCALES code, `languageSource` "chosen" | "windows"; null: they follow their
 * customer's) and the profiles they confirmed on (device id and hostname). Null when there is no
 * such contact; every technician sees every contact, as on the Customer page.
 */
export async function getContact(options: { input: TContactRef }) {
  return getPrisma().contact.findUnique({ where: { id: options.input.contactId }, select: CONTACT_SELECT });
}
