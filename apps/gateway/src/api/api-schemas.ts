import { ZErrorBody } from "@helpline/protocol";
import { z } from "zod";

/** The one error body of Helpline's HTTP APIs (packages/protocol), named `Error` in the OpenAPI document. */
export const ZApiError = ZErrorBody.meta({ id: "Error" });

/**
 * An instant on the wire: an ISO 8601 string in UTC (`2026-12-02T09:30:00.000Z`); handlers give
 * and take `Date`. A codec, so the OpenAPI document shows the string and a request's value
 * arrives decoded.
 */
export const ZApiTime = z.codec(z.iso.datetime(), z.date(), {
  decode: (value) => new Date(value),
  encode: (date) => date.toISOString(),
});

/** Cursor paging of every list: `limit` rows (1–100, default 25) after the opaque `cursor` of the previous page. */
export const ZPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25).describe("Rows per page, 1–100."),
  // A keyset cursor carries its row's sort value: a 255-character hostname in a non-Latin script
  // takes over 1,000 characters of base64url.
  cursor: z
    .string()
    .min(1)
    .max(2000)
    .optional()
    .describe("The `nextCursor` of the previous page; absent for the first page."),
});

/** A page of a list: its rows, and the cursor of the next page (null on the last one). */
export function page<Item extends z.ZodType>(item: Item) {
  return z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().describe("Pass as `cursor` to read the next page; null on the last page."),
  });
}

const ERROR_MEANINGS = {
  400: "The request is not valid: `error.fields` names what was refused.",
  401: "No API key, or one that is unknown, revoked or expired.",
  403: "The key lacks the scope this route needs (`error.code` `missing_scope`), or its technician may not do this.",
  404: "Nothing with this id.",
  409: "The request conflicts with the current state (or an identical request with the same Idempotency-Key is still running).",
  422: "The Idempotency-Key was already used for a different request.",
  429: "Too many requests for this key: wait for `retry-after` seconds.",
} as const;

export type ApiErrorStatus = keyof typeof ERROR_MEANINGS;

/** Response schemas for the error statuses a route can answer, for `schema.response`. */
export function apiErrors(...statuses: ApiErrorStatus[]) {
  return Object.fromEntries(statuses.map((status) => [status, ZApiError.describe(ERROR_MEANINGS[status])])) as Record<
    ApiErrorStatus,
    typeof ZApiError
  >;
}

/** Path parameter `{id}`: a uuid. */
export const ZIdParams = z.object({ id: z.uuid() });
