import { getPrisma } from "@helpline/db";

/**
 * Gives a claimed Idempotency-Key back when its request failed in a way a retry may fix (a 5xx,
 * a 429): the answer is not kept, and the next request with the key runs afresh. Only this
 * request's unanswered claim is removed.
 */
export async function releaseIdempotencyKey(options: { apiKeyId: string; key: string; requestHash: string }) {
  await getPrisma().idempotencyRecord.deleteMany({
    where: { apiKeyId: options.apiKeyId, key: options.key, requestHash: options.requestHash, status: null },
  });
}
