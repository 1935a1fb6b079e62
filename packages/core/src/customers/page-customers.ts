import { isLocale } from "@helpline/i18n";
import { getPrisma, type Prisma } from "@helpline/db";
import { z } from "zod";
import { readPageCursor, toPage } from "../paging/page-cursor.ts";
import { escapeLike } from "../search/escape-like.ts";
import type { TPageCustomersInput } from "./customer-input.ts";

const LIST = "api customers";
const ZCustomerKey = z.tuple([z.string(), z.uuid()]);

/**
 * One page of customers for the REST API, by name then id (the Customer(name) index), with their
 * device and contact counts and language (null: the MSP's default); `search` matches a part of
 * the name, any case (as the Customers page). Every technician sees every customer. Throws
 * DomainError `invalid_cursor` (400) for a cursor not made by this list.
 */
export async function pageCustomers(options: { input: TPageCustomersInput }) {
  const { input } = options;
  const after = input.cursor ? await readPageCursor(input.cursor, LIST, ZCustomerKey) : null;
  const where: Prisma.CustomerWhereInput = {
    AND: [
      input.search ? { name: { contains: escapeLike(input.search), mode: "insensitive" } } : {},
      // The `gte` repeats what the OR implies so PostgreSQL starts the index scan at the cursor.
      after
        ? { name: { gte: after[0] }, OR: [{ name: { gt: after[0] } }, { name: after[0], id: { gt: after[1] } }] }
        : {},
    ],
  };
  const rows = await getPrisma().customer.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    select: {
      id: true,
      name: true,
      autoActivateHelpdesk: true,
      language: true,
      createdAt: true,
      _count: { select: { devices: true, contacts: true } },
    },
  });
  const customers = rows.map(({ _count, language, ...customer }) => ({
    ...customer,
    language: isLocale(language) ? language : null,
    deviceCount: _count.devices,
    contactCount: _count.contacts,
  }));
  return toPage(customers, { limit: input.limit, list: LIST, key: (customer) => [customer.name, customer.id] });
}
