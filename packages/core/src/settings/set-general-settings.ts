import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import type { TGeneralSettingsInput } from "./general-settings-input.ts";
import { GENERAL_SETTINGS_KEYS } from "./get-general-settings.ts";

/**
 * Settings ▸ General (admins): the MSP's time zone. Audited as `settings.general`. Existing
 * calendars keep their own zone; only what follows the MSP's zone (the console's clock, a default
 * calendar made later) changes.
 */
export async function setGeneralSettings(options: { actor: TechnicianActor; input: TGeneralSettingsInput }) {
  requireAdmin(options.actor);
  const { timeZone } = options.input;
  await getPrisma().$transaction(async (tx) => {
    const key = GENERAL_SETTINGS_KEYS.timeZone;
    await tx.systemSetting.upsert({ where: { key }, create: { key, value: timeZone }, update: { value: timeZone } });
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "settings.general",
      data: options.input,
    });
  });
}
