import { getPrisma } from "@helpline/db";
import type { TCustomerRef } from "./customer-input.ts";

/** The Customer page's header: name, install key and counts; null when there is no such customer. */
export async function getCustomer(options: { input: TCustomerRef }) {
  const customer = await getPrisma().customer.findUnique({
    where: { id: options.input.customerId },
    select: {
      id: true,
      name: true,
      installKey: true,
      installKeyRotatedAt: true,
      autoActivateHelpdesk: true,
      createdAt: true,
      _count: { select: { devices: true, contacts: true } },
    },
  });
  if (!customer) return null;
  const { _count, ...rest } = customer;
  return { ...rest, deviceCount: _count.devices, contactCount: _count.contacts };
}
