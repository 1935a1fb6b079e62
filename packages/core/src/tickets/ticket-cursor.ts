import { createHmac, timingSafeEqual } from "node:crypto";
import type { Prisma } from "@helpline/db";
import { z } from "zod";
import { ensureAuthSecret } from "../settings/ensure-auth-secret.ts";

/** Where a page of tickets (latest activity first) starts: after or before one row. */
export type TicketCursor = { updatedAt: Date; id: string; direction: "next" | "previous" };

/** A cursor as it travels in a URL: base64url only, so it needs no escaping. */
export const ZTicketCursor = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]*$/);

const SIGNATURE_LENGTH = 22; // 16 bytes of HMAC-SHA256, base64url

// Every process serving one database signs with the same key, so a cursor made by one is read by
// any other (no sticky sessions). The key is derived from the stored auth secret, never the secret itself.
let cursorKey: Promise<Buffer> | undefined;
function key(): Promise<Buffer> {
  cursorKey ??= ensureAuthSecret()
    .then((secret) => createHmac("sha256", secret).update("helpline ticket cursor").digest())
    .catch((error: unknown) => {
      cursorKey = undefined;
      throw error;
    });
  return cursorKey;
}

function sign(payload: string, scope: string, secret: Buffer): Buffer {
  return createHmac("sha256", secret).update(`${scope}\n${payload}`).digest().subarray(0, 16);
}

/**
 * A signed cursor: base64url of the JSON `values` followed by an HMAC over them and `scope` (who
 * may use it, e.g. one portal contact, and in which order it pages), so it cannot be edited.
 */
export async function signCursor(values: unknown[], scope: string): Promise<string> {
  const payload = Buffer.from(JSON.stringify(values)).toString("base64url");
  return payload + sign(payload, scope, await key()).toString("base64url");
}

/**
 * The values of a cursor made by `signCursor` for the same `scope`; null for anything else (edited,
 * made for someone else or another order, from an older version, not a JSON array).
 */
export async function readSignedCursor(cursor: string, scope: string): Promise<unknown[] | null> {
  if (cursor.length <= SIGNATURE_LENGTH) return null;
  const payload = cursor.slice(0, -SIGNATURE_LENGTH);
  const signature = Buffer.from(cursor.slice(-SIGNATURE_LENGTH), "base64url");
  const expected = sign(payload, scope, await key());
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return Array.isArray(values) ? values : null;
  } catch {
    return null;
  }
}

/** The cursor of a ticket page boundary: [updatedAt ms, id, "n" | "p"], signed for `scope`. */
function encodeTicketCursor(
  row: { updatedAt: Date; id: string },
  direction: TicketCursor["direction"],
  scope: string,
): Promise<string> {
  return signCursor([row.updatedAt.getTime(), row.id, direction === "next" ? "n" : "p"], scope);
}

/**
 * Reads a cursor made by `encodeTicketCursor` for the same `scope`. Anything else (edited, made for
 * someone else, from an older version) is null; the caller decides whether that is an error.
 */
export async function decodeTicketCursor(cursor: string, scope: string): Promise<TicketCursor | null> {
  const values = await readSignedCursor(cursor, scope);
  if (!values) return null;
  const [at, id, direction] = values;
  if (
    typeof at !== "number" ||
    Number.isNaN(new Date(at).getTime()) ||
    !z.uuid().safeParse(id).success ||
    (direction !== "n" && direction !== "p")
  )
    return null;
  return { updatedAt: new Date(at), id: id as string, direction: direction === "n" ? "next" : "previous" };
}

/**
 * The rows after (next) or before (previous) the cursor in (updatedAt, id) descending order. The
 * `lte`/`gte` repeats what the OR implies so PostgreSQL can start the index scan at the cursor.
 */
export function ticketKeysetWhere(cursor: TicketCursor | null): Prisma.TicketWhereInput {
  if (!cursor) return {};
  const before = cursor.direction === "next";
  return {
    updatedAt: before ? { lte: cursor.updatedAt } : { gte: cursor.updatedAt },
    OR: [
      { updatedAt: before ? { lt: cursor.updatedAt } : { gt: cursor.updatedAt } },
      { updatedAt: cursor.updatedAt, id: before ? { lt: cursor.id } : { gt: cursor.id } },
    ],
  };
}

/**
 * One page out of a window of up to `pageSize + 1` rows read from the cursor on (in the list's
 * order, or reversed when reading backwards and then put back in order by the caller), with the
 * cursors of the pages on either side (null where there is none), made by `encode` from the page's
 * last (next) or first (previous) row. The extra row only says whether more exist.
 */
export async function keysetPage<Row>(
  window: Row[],
  options: {
    pageSize: number;
    cursor: { direction: TicketCursor["direction"] } | null;
    encode: (row: Row, direction: TicketCursor["direction"]) => Promise<string>;
  },
): Promise<{ tickets: Row[]; nextCursor: string | null; previousCursor: string | null }> {
  const { pageSize, cursor, encode } = options;
  const backwards = cursor?.direction === "previous";
  const hasMore = window.length > pageSize;
  const tickets = backwards ? window.slice(hasMore ? 1 : 0) : window.slice(0, pageSize);
  const first = tickets[0];
  const last = tickets.at(-1);
  const hasNext = backwards ? true : hasMore;
  const hasPrevious = backwards ? hasMore : cursor !== null;
  return {
    tickets,
    nextCursor: hasNext && last ? await encode(last, "next") : null,
    previousCursor: hasPrevious && first ? await encode(first, "previous") : null,
  };
}

/** `keysetPage` for the latest-activity-first order, its cursors signed for `scope`. */
export function ticketPage<Row extends { updatedAt: Date; id: string }>(
  window: Row[],
  options: { pageSize: number; cursor: TicketCursor | null; scope: string },
): Promise<{ tickets: Row[]; nextCursor: string | null; previousCursor: string | null }> {
  return keysetPage(window, {
    ...options,
    encode: (row, direction) => encodeTicketCursor(row, direction, options.scope),
  });
}
