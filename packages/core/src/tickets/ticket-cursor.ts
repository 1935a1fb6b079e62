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
 * The cursor of a ticket page boundary: base64url of [updatedAt ms, id, "n" | "p"] followed by an
 * HMAC over it and `scope` (who may use it, e.g. one portal contact), so it cannot be edited.
 */
async function encodeTicketCursor(
  row: { updatedAt: Date; id: string },
  direction: TicketCursor["direction"],
  scope: string,
): Promise<string> {
  const payload = Buffer.from(
    JSON.stringify([row.updatedAt.getTime(), row.id, direction === "next" ? "n" : "p"]),
  ).toString("base64url");
  return payload + sign(payload, scope, await key()).toString("base64url");
}

/**
 * Reads a cursor made by `encodeTicketCursor` for the same `scope`. Anything else (edited, made for
 * someone else, from an older version) is null; the caller decides whether that is an error.
 */
export async function decodeTicketCursor(cursor: string, scope: string): Promise<TicketCursor | null> {
  if (cursor.length <= SIGNATURE_LENGTH) return null;
  const payload = cursor.slice(0, -SIGNATURE_LENGTH);
  const signature = Buffer.from(cursor.slice(-SIGNATURE_LENGTH), "base64url");
  const expected = sign(payload, scope, await key());
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
  try {
    const [at, id, direction] = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as unknown[];
    if (
      typeof at !== "number" ||
      Number.isNaN(new Date(at).getTime()) ||
      !z.uuid().safeParse(id).success ||
      (direction !== "n" && direction !== "p")
    )
      return null;
    return { updatedAt: new Date(at), id: id as string, direction: direction === "n" ? "next" : "previous" };
  } catch {
    return null;
  }
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
 * One page out of a window of up to `pageSize + 1` rows read from the cursor on (newest first, or
 * oldest first when reading backwards and then reversed by the caller), with the signed cursors of
 * the pages on either side (null where there is none). The extra row only says whether more exist.
 */
export async function ticketPage<Row extends { updatedAt: Date; id: string }>(
  window: Row[],
  options: { pageSize: number; cursor: TicketCursor | null; scope: string },
): Promise<{ tickets: Row[]; nextCursor: string | null; previousCursor: string | null }> {
  const { pageSize, cursor, scope } = options;
  const backwards = cursor?.direction === "previous";
  const hasMore = window.length > pageSize;
  const tickets = backwards ? window.slice(hasMore ? 1 : 0) : window.slice(0, pageSize);
  const first = tickets[0];
  const last = tickets.at(-1);
  const hasNext = backwards ? true : hasMore;
  const hasPrevious = backwards ? hasMore : cursor !== null;
  return {
    tickets,
    nextCursor: hasNext && last ? await encodeTicketCursor(last, "next", scope) : null,
    previousCursor: hasPrevious && first ? await encodeTicketCursor(first, "previous", scope) : null,
  };
}
