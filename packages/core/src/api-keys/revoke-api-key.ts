import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { API_KEY_REVOKED_CHANNEL } from "./api-key-token.ts";
import type { TRevokeApiKeyInput } from "./api-key-input.ts";

/**
 * Revokes an API key at once (admins only: `403 forbidden`): its next request is refused, by every
 * process, since the NOTIFY on API_KEY_REVOKED_CHANNEL (payload: the key's id) drops it from their
 * caches when the transaction commits. One guarded UPDATE decides, so of two revokes at once one
 * writes the audit line (`api_key.revoked`) and the other is told `409 already_revoked`; an
 * unknown id is `404 not_found`.
 */
export async function revokeApiKey(options: { actor: TechnicianActor; input: TRevokeApiKeyInput }): Promise<void> {
  requireAdmin(options.actor);
  const { id } = options.input;
  await getPrisma().$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    const apiKey = await tx.apiKey.findUnique({ where: { id }, select: { name: true, prefix: true } });
    if (!apiKey) throw new DomainError("not_found", "This API key does not exist.", 404);
    if (count === 0) throw new DomainError("already_revoked", "This API key is already revoked.", 409);
    await tx.$executeRaw`SELECT pg_notify(${API_KEY_REVOKED_CHANNEL}, ${id})`;
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "api_key.revoked",
      subject: `api_key:${id}`,
      data: { name: apiKey.name, prefix: apiKey.prefix },
    });
  });
}
