import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import type { TGeneralSettingsInput } from "./general-settings-input.ts";
import { GENERAL_SETTINGS_KEYS } from "./get-general-settings.ts";

/**
 * Settings ▸ General (admins): the MSP's time zone and end users' default language. Audited as
 * `settings.general`. Existing calendars keep their own zone; only what follows the MSP's zone (the
 * console's clock, a default calendar made later) changes. Contacts and customers with a language
 * of their own keep it.
 */
export async function setGeneralSettings(options: { actor: TechnicianActor; input: TGeneralSettingsInput }) {
  requireAdmin(options.actor);
  await getPrisma().$transaction(async (tx) => {
    for (const [name, key] of Object.entries(GENERAL_SETTINGS_KEYS) as [keyof TGeneralSettingsInput, string][]) {
      const value = options.input[name];
      await tx.systemSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
    }
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "settings.general",
      data: options.input,
    });
  });
}
