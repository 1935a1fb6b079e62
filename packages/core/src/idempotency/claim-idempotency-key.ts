import { createHash } from "node:crypto";
import { getPrisma, Prisma } from "@helpline/db";
import { DomainError } from "../errors.ts";

/** How long a first answer is kept for retries (Stripe keeps them 24 hours too). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
// A claim whose request never finished (its process died between the write and recording the
// answer) is given up after this, so the key does not stay "in progress" for a day.
const ABANDONED_CLAIM_MS = 5 * 60 * 1000;

/** An `Idempotency-Key` header value: 1–255 printable ASCII characters (a UUID is typical). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type IdempotencyClaim =
  { state: "claimed"; requestHash: string } | { state: "replay"; status: number; body: Prisma.JsonValue };

/** What identifies a request for idempotency: method, path and JSON body (SHA-256, hex). */
export function hashIdempotentRequest(request: { method: string; path: string; body: unknown }): string {
  return createHash("sha256")
    .update(`${request.method} ${request.path}\n${JSON.stringify(request.body ?? null)}`)
    .digest("hex");
}

/**
 * Claims an `Idempotency-Key` for one API key before a write runs (the IETF draft
 * "The Idempotency-Key HTTP Header Field" and Stripe's behaviour):
 * - first use, or a record older than 24 h → `claimed`: run the write, then
 *   completeIdempotencyKey (or releaseIdempotencyKey when it failed on the server's side);
 * - a finished request with the same method, path and body → `replay` its status and body;
 * - the same key with another request → 422 `idempotency_key_reused`;
 * - the same request still running → 409 `idempotency_in_progress` (retry later).
 * Each step is one atomic statement (INSERT … ON CONFLICT DO NOTHING, a guarded UPDATE), so of
 * parallel requests with one key exactly one runs.
 */
export async function claimIdempotencyKey(options: {
  apiKeyId: string;
  key: string;
  request: { method: string; path: string; body: unknown };
  now?: Date;
}): Promise<IdempotencyClaim> {
  const { apiKeyId, key } = options;
  if (!IDEMPOTENCY_KEY_PATTERN.test(key))
    throw new DomainError(
      "invalid_request",
      "The Idempotency-Key header must be 1–255 printable ASCII characters.",
      400,
      {
        fields: { "Idempotency-Key": "Use 1–255 printable ASCII characters, e.g. a UUID." },
      },
    );
  const requestHash = hashIdempotentRequest(options.request);
  const now = options.now ?? new Date();
  const prisma = getPrisma();
  const inserted = await prisma.idempotencyRecord.createMany({
    data: [{ apiKeyId, key, requestHash, createdAt: now }],
    skipDuplicates: true,
  });
  if (inserted.count === 1) return { state: "claimed", requestHash };
  const takenOver = await prisma.idempotencyRecord.updateMany({
    where: {
      apiKeyId,
      key,
      OR: [
        { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS) } },
        { status: null, createdAt: { lt: new Date(now.getTime() - ABANDONED_CLAIM_MS) } },
      ],
    },
    data: { requestHash, status: null, responseBody: Prisma.DbNull, createdAt: now },
  });
  if (takenOver.count === 1) return { state: "claimed", requestHash };
  const record = await prisma.idempotencyRecord.findUnique({
    where: { apiKeyId_key: { apiKeyId, key } },
    select: { requestHash: true, status: true, responseBody: true },
  });
  if (record && record.requestHash !== requestHash)
    throw new DomainError(
      "idempotency_key_reused",
      "This Idempotency-Key was already used for a different request: use a new key for a new request.",
      422,
    );
  if (!record || record.status === null)
    throw new DomainError(
      "idempotency_in_progress",
      "A request with this Idempotency-Key is still running: retry in a moment to get its answer.",
      409,
      { retryAfterSeconds: 1 },
    );
  return { state: "replay", status: record.status, body: record.responseBody };
}
