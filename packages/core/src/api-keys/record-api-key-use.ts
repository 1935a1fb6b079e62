import { getPrisma } from "@helpline/db";

/**
 * Writes when and from where a key was last used (Settings ▸ API keys shows both): `at` (an
 * instant, stored in UTC) and `address` (the client's address as the gateway resolved it,
 * HELPLINE_TRUST_PROXY applied). One UPDATE that never moves the time backwards, so two processes
 * recording out of order keep the later one. Callers record at most about once a minute per key:
 * a write per request would make every API call a database write.
 */
export async function recordApiKeyUse(options: { apiKeyId: string; at: Date; address: string }): Promise<void> {
  await getPrisma().apiKey.updateMany({
    where: { id: options.apiKeyId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: options.at } }] },
    data: { lastUsedAt: options.at, lastUsedIp: options.address },
  });
}
