import { getPrisma, type Prisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import type { TGeneralSettingsInput } from "./general-settings-input.ts";
import { GENERAL_SETTINGS_KEYS } from "./get-general-settings.ts";

/**
 * Settings ▸ General (admins): the MSP's time zone and end users' default language. Audited as
 * `settings.general`. Existing calendars keep their own zone; only what follows the MSP's zone (the
 * console's clock, a default calendar made later) changes. Contacts and customers with a language
 * of their own keep it. `db` is the caller's transaction when there is one: the change commits or
 * rolls back with it. Throws DomainError 403 for a technician who is not an admin.
 */
export async function setGeneralSettings(options: {
  actor: TechnicianActor;
  input: TGeneralSettingsInput;
  db?: Prisma.TransactionClient;
}) {
  requireAdmin(options.actor);
  const write = async (tx: Prisma.TransactionClient) => {
    for (const [name, key] of Object.entries(GENERAL_SETTINGS_KEYS) as [keyof TGeneralSettingsInput, string][]) {
      const value = options.input[name];
      await tx.systemSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
    }
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "settings.general",
      data: options.input,
    });
  };
  await (options.db ? write(options.db) : getPrisma().$transaction(write));
}
