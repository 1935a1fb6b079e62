import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { PORTAL_BRANDING_KEYS } from "./get-portal-branding.ts";
import type { TPortalBrandingInput } from "./portal-input.ts";

/** Settings ▸ Portal (admins): the name and logo the Customer Portal shows. */
export async function setPortalBranding(options: {
  actor: TechnicianActor;
  input: TPortalBrandingInput;
}): Promise<void> {
  requireAdmin(options.actor);
  await getPrisma().$transaction(async (tx) => {
    for (const [field, key] of Object.entries(PORTAL_BRANDING_KEYS)) {
      const value = options.input[field as keyof TPortalBrandingInput];
      await tx.systemSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
    }
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "settings.portal_branding",
      data: options.input,
    });
  });
}
