import { getPrisma } from "@helpline/db";
import { DateTime } from "luxon";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { getGeneralSettings } from "../settings/get-general-settings.ts";
import { generateApiKeyToken } from "./api-key-token.ts";
import type { TCreateApiKeyInput } from "./api-key-input.ts";
import { API_KEY_ROW_SELECT, toApiKeyRow, type ApiKeyRow } from "./api-key-row.ts";

/**
 * The first instant (UTC) after `day` ("YYYY-MM-DD") ends in `timeZone`: the key works until then.
 * Next midnight by the calendar, not 24 hours, so a daylight-saving change that day is followed.
 */
function endOfDay(day: string, timeZone: string): Date {
  return DateTime.fromISO(day, { zone: timeZone }).plus({ days: 1 }).toJSDate();
}

/**
 * Creates an API key acting as an enabled technician (admins only: `403 forbidden`). Returns the
 * key as listed and its `token` (`hl_…`), which is shown this once: only its SHA-256 and prefix are
 * stored. `expiresOn` is a day in the MSP's zone (Settings ▸ General); a day already over there is
 * refused (`400 invalid_request`, field `expiresOn`). A technician who does not exist or is
 * disabled: `422 technician_not_found` (field `technicianId`). Audited as `api_key.created`.
 */
export async function createApiKey(options: {
  actor: TechnicianActor;
  input: TCreateApiKeyInput;
  now?: Date;
}): Promise<{ apiKey: ApiKeyRow; token: string }> {
  requireAdmin(options.actor);
  const { name, technicianId, scopes, expiresOn } = options.input;
  const now = options.now ?? new Date();
  let expiresAt: Date | null = null;
  if (expiresOn) {
    expiresAt = endOfDay(expiresOn, (await getGeneralSettings()).timeZone);
    if (expiresAt <= now) {
      const message = "Choose today or a later day.";
      throw new DomainError("invalid_request", message, 400, { fields: { expiresOn: message } });
    }
  }
  const { token, tokenHash, prefix } = generateApiKeyToken();
  return getPrisma().$transaction(async (tx) => {
    const technician = await tx.technician.findFirst({ where: { id: technicianId, disabled: false } });
    if (!technician) {
      const message = "Choose an enabled technician.";
      throw new DomainError("technician_not_found", message, 422, { fields: { technicianId: message } });
    }
    const apiKey = await tx.apiKey.create({
      data: { name, technicianId, scopes, prefix, tokenHash, expiresAt, createdById: options.actor.id },
      select: API_KEY_ROW_SELECT,
    });
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "api_key.created",
      subject: `api_key:${apiKey.id}`,
      data: { name, technicianId, scopes, prefix, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { apiKey: toApiKeyRow(apiKey), token };
  });
}
