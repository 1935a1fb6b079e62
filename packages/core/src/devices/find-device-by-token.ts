import { getPrisma } from "@helpline/db";

export type AuthenticatedDevice = {
  id: string;
  customerId: string;
  helpdeskStateVersion: number;
  /** Whether the Helpdesk Agent is active for the profile signed in now, and who confirmed it. */
  helpdeskActive: boolean;
  identity: { confirmed: true; fullName: string; email: string } | null;
  inventory: DeviceInventory;
};

export type DeviceInventory = {
  hostname: string;
  osPlatform: "windows" | "macos" | "linux";
  osName: string;
  osVersion: string;
  osKind: "workstation" | "server";
  ip: string | null;
  agentVersion: string;
  currentProfile: { name: string; displayName: string | null } | null;
};

/** The inventory columns as a Prisma select (what a check-in reports and the console shows). */
export const INVENTORY_SELECT = {
  hostname: true,
  osPlatform: true,
  osName: true,
  osVersion: true,
  osKind: true,
  ip: true,
  agentVersion: true,
} as const;

/** The device holding this token (by its SHA-256), with what a check-in compares against. */
export async function findDeviceByTokenHash(tokenHash: string): Promise<AuthenticatedDevice | null> {
  const device = await getPrisma().device.findUnique({
    where: { agentTokenHash: tokenHash },
    select: {
      id: true,
      customerId: true,
      helpdeskStateVersion: true,
      ...INVENTORY_SELECT,
      currentProfile: { select: { name: true, displayName: true, helpdeskActive: true, contact: { select: { fullName: true, email: true } } } },
    },
  });
  if (!device) return null;
  const { id, customerId, helpdeskStateVersion, currentProfile, ...fields } = device;
  return {
    id,
    customerId,
    helpdeskStateVersion,
    helpdeskActive: currentProfile?.helpdeskActive ?? false,
    identity: currentProfile?.helpdeskActive && currentProfile.contact ? { confirmed: true, ...currentProfile.contact } : null,
    inventory: { ...fields, currentProfile: currentProfile ? { name: currentProfile.name, displayName: currentProfile.displayName } : null },
  };
}
