import { getPrisma, Prisma } from "@helpline/db";

/**
 * Records the answer of a write that claimed an Idempotency-Key (claimIdempotencyKey), so retries
 * get it back: `status` (the HTTP status sent) and `body` (the JSON sent; null for none, as a 204). Only the claim of this
 * very request (`requestHash`, still unanswered) is written.
 */
export async function completeIdempotencyKey(options: {
  apiKeyId: string;
  key: string;
  requestHash: string;
  status: number;
  body: Prisma.InputJsonValue | null;
}): Promise<void> {
  await getPrisma().idempotencyRecord.updateMany({
    where: { apiKeyId: options.apiKeyId, key: options.key, requestHash: options.requestHash, status: null },
    data: { status: options.status, responseBody: options.body ?? Prisma.JsonNull },
  });
}
