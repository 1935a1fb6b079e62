import { getPrisma } from "@helpline/db";
import { DomainError } from "../errors.ts";
import { API_KEY_TOKEN_PATTERN, hashApiKeyToken } from "./api-key-token.ts";
import type { ApiScope } from "./api-scopes.ts";

/** A key the REST API accepted: who it acts as, what it may do, and until when (UTC; null: no expiry). */
export type AuthenticatedApiKey = {
  id: string;
  name: string;
  scopes: ApiScope[];
  expiresAt: Date | null;
  technician: { id: string; role: "admin" | "technician" };
};

const unauthorized = () =>
  new DomainError(
    "unauthorized",
    "Send a valid API key: `Authorization: Bearer hl_…` (Settings ▸ API keys). It may have been revoked or have expired.",
    401,
  );

/**
 * The API key behind a bearer token (`hl_` + 43 base64url characters), looked up by the SHA-256
 * of the token (the token itself is never stored). Refused alike, so a caller learns nothing from
 * the difference (401 `unauthorized`): a malformed token, an unknown one, a revoked key, a key
 * past its `expiresAt` at `now`, and a key whose technician is disabled (a disabled technician's
 * keys stop with their console sign-in).
 */
export async function authenticateApiKey(options: { token: string; now?: Date }): Promise<AuthenticatedApiKey> {
  if (!API_KEY_TOKEN_PATTERN.test(options.token)) throw unauthorized();
  const key = await getPrisma().apiKey.findFirst({
    where: { tokenHash: hashApiKeyToken(options.token), revokedAt: null, technician: { disabled: false } },
    select: { id: true, name: true, scopes: true, expiresAt: true, technician: { select: { id: true, role: true } } },
  });
  if (!key || isApiKeyExpired(key, options.now ?? new Date())) throw unauthorized();
  return { ...key, scopes: key.scopes as ApiScope[], technician: key.technician as AuthenticatedApiKey["technician"] };
}

/** Whether a key has expired at `now` (its `expiresAt` is the first instant it no longer works). */
export function isApiKeyExpired(key: { expiresAt: Date | null }, now: Date): boolean {
  return key.expiresAt !== null && key.expiresAt.getTime() <= now.getTime();
}

/** The refusal for a request without a usable key: for callers that refuse before looking one up. */
export function apiKeyUnauthorized(): DomainError {
  return unauthorized();
}
