import { randomInt } from "node:crypto";

// 32 symbols without the look-alikes 0/O and 1/I: 9 of them carry 45 bits.
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const IDENTITY_TOKEN_TTL_SECONDS = 15 * 60;
export const IDENTITY_TOKEN_MAX_TRIES = 5;
export const IDENTITY_SEND_LIMIT = { count: 3, windowMs: 15 * 60 * 1000 };

/** "K7Q-4MZ-92X": easy to read in a mail and to type. */
export function generateIdentityToken(): string {
  const symbols = Array.from({ length: 9 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [symbols.slice(0, 3), symbols.slice(3, 6), symbols.slice(6)].map((group) => group.join("")).join("-");
}

/** What the user typed, compared as the token was issued: case, spaces and dashes do not matter. */
export function normalizeIdentityToken(typed: string): string {
  return typed.toUpperCase().replace(/[^0-9A-Z]/g, "");
}
