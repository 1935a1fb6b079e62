import { getPrisma } from "@helpline/db";
import { escapeLike } from "../search/escape-like.ts";
import type { TListCustomersInput } from "./customer-input.ts";

export async function listCustomers(options: { input: TListCustomersInput }) {
  const search = options.input.search;
  const customers = await getPrisma().customer.findMany({
    where: search ? { name: { contains: escapeLike(search), mode: "insensitive" } } : {},
    select: { id: true, name: true, createdAt: true, _count: { select: { devices: true } } },
    orderBy: { name: "asc" },
    take: 500,
  });
  return customers.map(({ _count, ...customer }) => ({ ...customer, deviceCount: _count.devices }));
}
