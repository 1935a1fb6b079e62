import { createHash, randomBytes } from "node:crypto";

/** A random 256-bit secret, URL-safe. */
export function generateSecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * SHA-256 of a high-entropy secret (agent token). Such secrets cannot be guessed, so a fast hash
 * is enough; looking the hash up by index compares nothing secret-dependent in our code.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}
