import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import type { TEmailSettingsInput } from "./email-settings-input.ts";
import { EMAIL_SETTINGS_KEYS } from "./get-email-settings.ts";

/** Settings ▸ Email (admins): the unknown-sender policy. Audited as `settings.email`. */
export async function setEmailSettings(options: { actor: TechnicianActor; input: TEmailSettingsInput }): Promise<void> {
  requireAdmin(options.actor);
  const { unknownSenders } = options.input;
  await getPrisma().$transaction(async (tx) => {
    const key = EMAIL_SETTINGS_KEYS.unknownSenders;
    await tx.systemSetting.upsert({
      where: { key },
      create: { key, value: unknownSenders },
      update: { value: unknownSenders },
    });
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "settings.email",
      data: options.input,
    });
  });
}
