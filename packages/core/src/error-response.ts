import { isDatabaseUnavailable } from "@helpline/db";
import { describeInvalidRequest, errorBody, type TErrorBody } from "@helpline/protocol";
import { ZodError } from "zod";
import { DomainError } from "./errors.ts";

/**
 * What an entry point answers for an error: the HTTP status, the protocol's JSON error body, the
 * seconds for `retry-after` when the caller should come back, and whether it is a bug (`unexpected`:
 * the entry point logs it; the body never carries a stack trace).
 */
export type ErrorResponse = {
  status: number;
  body: TErrorBody;
  retryAfterSeconds: number | undefined;
  unexpected: boolean;
};

type Answer = { status: number; code: string; message: string };

// Fastify's refusals of a request body (matched by their `code`, so the domain needs no Fastify),
// in the protocol's words.
const FRAMEWORK_REFUSALS: Record<string, Answer> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 400,
    code: "invalid_request",
    message: "Send the body as JSON (content-type: application/json).",
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: "invalid_request", message: "The body is not valid JSON." },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: "invalid_request",
    message: "The body is empty; send a JSON object.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: "invalid_request",
    message: "The content-length does not match the body.",
  },
};

// A database restart or failover is not a bug, and every write is one transaction, so nothing is
// half-done: the caller is told when to try again (agents do so by themselves).
const DATABASE_RETRY_SECONDS = 2;

function answer(
  status: number,
  code: string,
  message: string,
  retryAfterSeconds?: number,
  unexpected = false,
  fields?: Record<string, string>,
): ErrorResponse {
  return { status, body: errorBody(code, message, fields), retryAfterSeconds, unexpected };
}

/**
 * Maps any error to the JSON error shape of packages/protocol: the one error path of the gateway,
 * the Customer Portal's endpoints and the console's actions.
 *
 * - DomainError: its status, code and message, its `retryAfterSeconds`, and its `fields` (in the
 *   body, for the form that sent them).
 * - ZodError (an input parsed at the edge): `400 invalid_request` naming the first field.
 * - Fastify's body refusals: `400 invalid_request`; a body over the limit `413 payload_too_large`
 *   with `payloadTooLargeMessage` (the gateway says the limit and what came), and any other error
 *   that carries a 4xx `statusCode` `invalid_request` with its message.
 * - The database unreachable (isDatabaseUnavailable): `503 service_unavailable`, retry after 2 s.
 * - Anything else: `500 internal_error`, `unexpected`.
 */
export function errorResponse(error: unknown, options: { payloadTooLargeMessage?: string } = {}): ErrorResponse {
  if (error instanceof DomainError)
    return answer(error.status, error.code, error.message, error.retryAfterSeconds, false, error.fields);
  if (error instanceof ZodError) return answer(400, "invalid_request", describeInvalidRequest(error));
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  if (code === "FST_ERR_CTP_BODY_TOO_LARGE")
    return answer(413, "payload_too_large", options.payloadTooLargeMessage ?? "The request body is too large.");
  const refusal = typeof code === "string" ? FRAMEWORK_REFUSALS[code] : undefined;
  if (refusal) return answer(refusal.status, refusal.code, refusal.message);
  if (error instanceof Error && typeof statusCode === "number" && statusCode >= 400 && statusCode < 500)
    return answer(statusCode, "invalid_request", error.message);
  if (isDatabaseUnavailable(error))
    return answer(
      503,
      "service_unavailable",
      "The server cannot reach its database right now. Try again in a few seconds.",
      DATABASE_RETRY_SECONDS,
    );
  return answer(500, "internal_error", "Something went wrong on the server.", undefined, true);
}
