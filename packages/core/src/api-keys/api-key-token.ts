import { createHash, randomBytes } from "node:crypto";

/**
 * API key secrets: `hl_` followed by 43 base64url characters (32 random bytes). The database keeps
 * only the SHA-256 of the whole token (hex) and its first 11 characters (`hl_` + 8) as a prefix
 * people can tell keys apart by. A plain SHA-256 is enough (no slow hash): the secret has 256 bits
 * of entropy, so nothing can be guessed from the hash (the GitHub and Stripe token practice).
 */
export const API_KEY_TOKEN_PATTERN = /^hl_[A-Za-z0-9_-]{43}$/;

/** PostgreSQL NOTIFY channel: payload is a revoked key's id, so every process drops it from its cache at once. */
export const API_KEY_REVOKED_CHANNEL = "helpline_api_key_revoked";

/** A new secret, its hash and its display prefix. The token is shown once and never stored. */
export function generateApiKeyToken(): { token: string; tokenHash: string; prefix: string } {
  const token = `hl_${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashApiKeyToken(token), prefix: token.slice(0, 11) };
}

/** The stored form of a token: lowercase hex SHA-256 of its UTF-8 bytes. */
export function hashApiKeyToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
