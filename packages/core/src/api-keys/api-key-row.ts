import type { Prisma } from "@helpline/db";
import type { ApiScope } from "./api-scopes.ts";

/** What Settings ▸ API keys and the API show of a key: never its hash. */
export const API_KEY_ROW_SELECT = {
  id: true,
  name: true,
  prefix: true,
  technician: { select: { id: true, name: true } },
  scopes: true,
  expiresAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  revokedAt: true,
  createdAt: true,
} satisfies Prisma.ApiKeySelect;

/**
 * A key as listed: `prefix` is the token's first 11 characters (`hl_` + 8); `expiresAt` the first
 * instant (UTC) it no longer works, null for never; `lastUsedAt`/`lastUsedIp` its last request
 * (null: never used); `revokedAt` null while it works.
 */
export type ApiKeyRow = Omit<Prisma.ApiKeyGetPayload<{ select: typeof API_KEY_ROW_SELECT }>, "scopes"> & {
  scopes: ApiScope[];
};

/** The row with its scopes typed: they were parsed by ZApiScope when the key was created. */
export function toApiKeyRow(row: Prisma.ApiKeyGetPayload<{ select: typeof API_KEY_ROW_SELECT }>): ApiKeyRow {
  return { ...row, scopes: row.scopes as ApiScope[] };
}
