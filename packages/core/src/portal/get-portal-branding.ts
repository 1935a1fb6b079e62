import { getPrisma } from "@helpline/db";

export type PortalBranding = { name: string; logoUrl: string | null };

export const PORTAL_BRANDING_KEYS = { name: "portal.name", logoUrl: "portal.logoUrl" } as const;

/** The MSP's name and logo as the Customer Portal shows them (Settings ▸ Portal). */
export async function getPortalBranding(): Promise<PortalBranding> {
  const rows = await getPrisma().systemSetting.findMany({
    where: { key: { in: Object.values(PORTAL_BRANDING_KEYS) } },
  });
  const value = (key: string) => rows.find((row) => row.key === key)?.value || null;
  return { name: value(PORTAL_BRANDING_KEYS.name) ?? "Helpline", logoUrl: value(PORTAL_BRANDING_KEYS.logoUrl) };
}
