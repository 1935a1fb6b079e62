import { getPrisma, type Prisma } from "@helpline/db";
import { z } from "zod";
import { readPageCursor, toPage } from "../paging/page-cursor.ts";
import { escapeLike } from "../search/escape-like.ts";
import type { TPageContactsInput } from "./contact-input.ts";
import { CONTACT_SELECT } from "./get-contact.ts";

const LIST = "api contacts";
const ZContactKey = z.tuple([z.string(), z.uuid()]);

/**
 * One page of contacts for the REST API (each as `getContact` shows it), by full name then id (the
 * Contact(fullName, id) index), of one customer (`customerId`) or all; `search` matches a part of
 * the name or the address, any case. Every technician sees every contact, as on the Customer page.
 * Throws DomainError `invalid_cursor` (400) for a cursor not made by this list.
 */
export async function pageContacts(options: { input: TPageContactsInput }) {
  const { input } = options;
  const after = input.cursor ? await readPageCursor(input.cursor, LIST, ZContactKey) : null;
  const search = escapeLike(input.search);
  const where: Prisma.ContactWhereInput = {
    AND: [
      input.customerId ? { customerId: input.customerId } : {},
      input.search
        ? {
            OR: [
              { fullName: { contains: search, mode: "insensitive" } },
              { email: { contains: search, mode: "insensitive" } },
            ],
          }
        : {},
      // The `gte` repeats what the OR implies so PostgreSQL starts the index scan at the cursor.
      after
        ? {
            fullName: { gte: after[0] },
            OR: [{ fullName: { gt: after[0] } }, { fullName: after[0], id: { gt: after[1] } }],
          }
        : {},
    ],
  };
  const rows = await getPrisma().contact.findMany({
    where,
    orderBy: [{ fullName: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    select: CONTACT_SELECT,
  });
  return toPage(rows, { limit: input.limit, list: LIST, key: (contact) => [contact.fullName, contact.id] });
}
