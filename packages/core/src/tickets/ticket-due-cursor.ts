import type { Prisma } from "@helpline/db";
import { z } from "zod";
import { readSignedCursor, signCursor, type TicketCursor } from "./ticket-cursor.ts";

/**
 * Where a page of tickets sorted by due time starts: after or before one row. `slaDueAt` null is
 * a row among the tickets without a running clock, which come after every due one (nulls last).
 */
export type TicketDueCursor = { slaDueAt: Date | null; id: string; direction: TicketCursor["direction"] };

// Signed for its own scope, so a latest-activity cursor is never read as a due-time one.
const dueScope = (scope: string) => `${scope}\nby due time`;

/** The cursor of a due-order page boundary: [slaDueAt ms or null, id, "n" | "p"], signed for `scope`. */
export function encodeTicketDueCursor(
  row: { slaDueAt: Date | null; id: string },
  direction: TicketCursor["direction"],
  scope: string,
): Promise<string> {
  return signCursor([row.slaDueAt?.getTime() ?? null, row.id, direction === "next" ? "n" : "p"], dueScope(scope));
}

/** Reads a cursor made by `encodeTicketDueCursor` for the same `scope`; anything else is null. */
export async function decodeTicketDueCursor(cursor: string, scope: string): Promise<TicketDueCursor | null> {
  const values = await readSignedCursor(cursor, dueScope(scope));
  if (!values) return null;
  const [at, id, direction] = values;
  if (
    (at !== null && (typeof at !== "number" || Number.isNaN(new Date(at).getTime()))) ||
    !z.uuid().safeParse(id).success ||
    (direction !== "n" && direction !== "p")
  )
    return null;
  return {
    slaDueAt: at === null ? null : new Date(at),
    id: id as string,
    direction: direction === "n" ? "next" : "previous",
  };
}

/**
 * The ranges to read, in order, for the page after (next) or before (previous) `cursor` in the
 * order (slaDueAt ascending, nulls last, id ascending): each is one range of the
 * Ticket(slaDueAt, id) index, with the order to read it in. The due tickets and the ones without a
 * clock are separate ranges because one OR over both would make PostgreSQL filter from the index's
 * start instead of seeking to the cursor. Reading backwards the order is reversed (the caller puts
 * the rows back). `withNulls` false leaves out the tickets without a clock (an SLA filter is set).
 */
export function ticketDueRanges(
  cursor: TicketDueCursor | null,
  withNulls: boolean,
): { where: Prisma.TicketWhereInput; orderBy: Prisma.TicketOrderByWithRelationInput[]; due: boolean }[] {
  const backwards = cursor?.direction === "previous";
  const direction = backwards ? "desc" : "asc";
  const due = (where: Prisma.TicketWhereInput) => ({
    where: { AND: [{ slaDueAt: { not: null } }, where] },
    orderBy: [{ slaDueAt: direction }, { id: direction }] satisfies Prisma.TicketOrderByWithRelationInput[],
    due: true,
  });
  const undated = (where: Prisma.TicketWhereInput) => ({
    where: { AND: [{ slaDueAt: null }, where] },
    orderBy: [{ id: direction }] satisfies Prisma.TicketOrderByWithRelationInput[],
    due: false,
  });
  const ranges = (() => {
    if (!cursor) return [due({}), undated({})];
    const { slaDueAt: at, id } = cursor;
    if (!backwards)
      return at
        ? [
            // The `gte` repeats what the OR implies so the index scan starts at the cursor.
            due({ slaDueAt: { gte: at }, OR: [{ slaDueAt: { gt: at } }, { slaDueAt: at, id: { gt: id } }] }),
            undated({}),
          ]
        : [undated({ id: { gt: id } })];
    return at
      ? [due({ slaDueAt: { lte: at }, OR: [{ slaDueAt: { lt: at } }, { slaDueAt: at, id: { lt: id } }] })]
      : [undated({ id: { lt: id } }), due({})];
  })();
  return withNulls ? ranges : ranges.filter((range) => range.due);
}
