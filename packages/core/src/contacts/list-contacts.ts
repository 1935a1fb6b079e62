import { getPrisma } from "@helpline/db";
import type { TCustomerRef } from "../customers/customer-input.ts";

/**
 * Customer page ▸ Contacts: each person, where they confirmed (profile on device), and whether
 * mail to their address bounces (`emailBouncedAt` UTC and the delivery report's reason, RFC 3464).
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
      profiles: { select: { name: true, device: { select: { id: true, hostname: true } } }, orderBy: { name: "asc" } },
    },
  });
  return contacts;
}
