import {
  API_KEY_REVOKED_CHANNEL,
  apiKeyUnauthorized,
  authenticateApiKey,
  hashApiKeyToken,
  isApiKeyExpired,
  recordApiKeyUse,
  type AuthenticatedApiKey,
} from "@helpline/core";
import { listenToChannel } from "@helpline/db";

type Entry = { key: AuthenticatedApiKey; fetchedAt: number; recordedAt: number };

/**
 * The API keys this process accepted lately, by the SHA-256 of their token, so a busy integration
 * costs no database read per request. An entry lives `ttlMs` (default 30 s: a disabled technician
 * or a changed role takes effect within that); a revoked key is dropped at once, in every process,
 * by the revocation NOTIFY (API_KEY_REVOKED_CHANNEL; a lost connection drops everything). Expiry is
 * checked on every request. Last use (time, address) is written at most once a minute per key.
 */
export class ApiKeyCache {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  #stopListening: (() => Promise<void>) | undefined;

  constructor(options: { ttlMs?: number; maxEntries?: number } = {}) {
    this.#ttlMs = options.ttlMs ?? 30_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  async start(): Promise<void> {
    this.#stopListening = await listenToChannel(API_KEY_REVOKED_CHANNEL, {
      onPayload: (apiKeyId) => this.#forget(apiKeyId),
      onReconnect: () => this.#entries.clear(),
    });
  }

  async stop(): Promise<void> {
    await this.#stopListening?.();
    this.#entries.clear();
  }

  /**
   * The key behind `authorization` (the raw header), refused with 401 `unauthorized` when absent,
   * not a Bearer token, or not a usable key (see authenticateApiKey). `address` is the client's,
   * recorded as the key's last use.
   */
  async authenticate(authorization: string | undefined, address: string): Promise<AuthenticatedApiKey> {
    const token = /^Bearer +(\S+)\s*$/i.exec(authorization ?? "")?.[1];
    if (!token) throw apiKeyUnauthorized();
    const tokenHash = hashApiKeyToken(token);
    const now = Date.now();
    let entry = this.#entries.get(tokenHash);
    if (!entry || now - entry.fetchedAt > this.#ttlMs) {
      this.#entries.delete(tokenHash);
      entry = { key: await authenticateApiKey({ token }), fetchedAt: now, recordedAt: 0 };
      if (this.#entries.size >= this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
      this.#entries.set(tokenHash, entry);
    }
    if (isApiKeyExpired(entry.key, new Date(now))) {
      this.#entries.delete(tokenHash);
      throw apiKeyUnauthorized();
    }
    if (now - entry.recordedAt > 60_000) {
      entry.recordedAt = now;
      // Last use is a hint for people, not a gate: a failed write must not fail the call.
      void recordApiKeyUse({ apiKeyId: entry.key.id, at: new Date(now), address }).catch(() => {
        entry.recordedAt = 0;
      });
    }
    return entry.key;
  }

  #forget(apiKeyId: string): void {
    for (const [tokenHash, entry] of this.#entries) if (entry.key.id === apiKeyId) this.#entries.delete(tokenHash);
  }
}
