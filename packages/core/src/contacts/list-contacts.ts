import { getPrisma } from "@helpline/db";
import type { TCustomerRef } from "../customers/customer-input.ts";

/** Customer page ▸ Contacts: each confirmed person, and where they confirmed (profile on device). */
export async function listContacts(options: { input: TCustomerRef }) {
  const contacts = await getPrisma().contact.findMany({
    where: { customerId: options.input.customerId },
    orderBy: [{ isMainContact: "desc" }, { fullName: "asc" }],
    select: {
      id: true,
      fullName: true,
      email: true,
      isMainContact: true,
      profiles: { select: { name: true, device: { select: { id: true, hostname: true } } }, orderBy: { name: "asc" } },
    },
  });
  return contacts;
}
