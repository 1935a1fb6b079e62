import { z } from "zod";
import { DomainError } from "../errors.ts";
import { readSignedCursor, signCursor } from "../tickets/ticket-cursor.ts";

const INVALID_CURSOR = "This cursor is not valid here. Start again from the first page (no cursor).";

/**
 * How a REST API list pages: `limit` rows (1–100, default 25) from `cursor`, the `nextCursor` of the
 * page before (absent: the first page). Cursors are opaque to callers: base64url, signed.
 */
export const ZPageInput = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  // The sort value travels in the cursor: a 255-character hostname in a non-Latin script is over
  // 1,000 characters of base64url.
  cursor: z
    .string()
    .max(2000)
    .regex(/^[A-Za-z0-9_-]+$/, INVALID_CURSOR)
    .optional(),
});
export type TPageInput = z.infer<typeof ZPageInput>;

/** One page of a list: its rows in order and the cursor of the next page (null on the last one). */
export type Page<Row> = { data: Row[]; nextCursor: string | null };

/**
 * The sort key a cursor holds, as `schema` reads it. A cursor is signed for `list` (e.g. "api
 * customers"), so one list's cursor is never read by another and an edited one is refused.
 * Throws DomainError `invalid_cursor` (400, field `cursor`) for anything else.
 */
export async function readPageCursor<Key>(cursor: string, list: string, schema: z.ZodType<Key>): Promise<Key> {
  const values = await readSignedCursor(cursor, list);
  const key = values ? schema.safeParse(values) : null;
  if (!key?.success)
    throw new DomainError("invalid_cursor", INVALID_CURSOR, 400, { fields: { cursor: INVALID_CURSOR } });
  return key.data;
}

/**
 * The page out of `window`, the up to `limit + 1` rows read from the cursor on in the list's order
 * (the extra row only says whether another page exists), its `nextCursor` signed for `list` from
 * the sort key (`key`) of the page's last row.
 */
export async function toPage<Row>(
  window: Row[],
  options: { limit: number; list: string; key: (row: Row) => unknown[] },
): Promise<Page<Row>> {
  const data = window.slice(0, options.limit);
  const last = data.at(-1);
  const nextCursor = window.length > options.limit && last ? await signCursor(options.key(last), options.list) : null;
  return { data, nextCursor };
}
