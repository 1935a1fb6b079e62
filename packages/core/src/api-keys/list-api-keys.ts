import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { API_KEY_ROW_SELECT, toApiKeyRow, type ApiKeyRow } from "./api-key-row.ts";

/** Every API key, revoked and expired ones included, newest first (admins only: `403 forbidden`). */
export async function listApiKeys(options: { actor: TechnicianActor }): Promise<ApiKeyRow[]> {
  requireAdmin(options.actor);
  const rows = await getPrisma().apiKey.findMany({
    select: API_KEY_ROW_SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toApiKeyRow);
}
