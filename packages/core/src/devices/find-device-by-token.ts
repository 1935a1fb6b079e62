import { getPrisma, type Prisma } from "@helpline/db";

export type AuthenticatedDevice = {
  id: string;
  customerId: string;
  /** What the token must be presented from (see AGENT_MACHINE_ID_HEADER in the protocol). */
  machineId: string;
  hardwareId: string | null;
  /** When this token stops working (ms since the epoch): a superseded token's grace; null for the current one. */
  tokenRetiresAt: number | null;
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

const DEVICE_SELECT = {
  id: true,
  customerId: true,
  machineId: true,
  hardwareId: true,
  helpdeskStateVersion: true,
  ...INVENTORY_SELECT,
  currentProfile: {
    select: {
      name: true,
      displayName: true,
      helpdeskActive: true,
      contact: { select: { fullName: true, email: true } },
    },
  },
} as const satisfies Prisma.DeviceSelect;

/**
 * The device holding this token (by its SHA-256), with what a check-in compares against: its
 * current token, or a superseded one still in its grace (`tokenRetiresAt` says until when). Null
 * for an unknown or retired token.
 */
export async function findDeviceByTokenHash(tokenHash: string, now = new Date()): Promise<AuthenticatedDevice | null> {
  const prisma = getPrisma();
  const current = await prisma.device.findUnique({ where: { agentTokenHash: tokenHash }, select: DEVICE_SELECT });
  if (current) return authenticated(current, null);
  const past = await prisma.deviceToken.findUnique({
    where: { tokenHash },
    select: { retiresAt: true, device: { select: DEVICE_SELECT } },
  });
  if (!past || past.retiresAt <= now) return null;
  return authenticated(past.device, past.retiresAt.getTime());
}

type DeviceRow = Prisma.DeviceGetPayload<{ select: typeof DEVICE_SELECT }>;

function authenticated(device: DeviceRow, tokenRetiresAt: number | null): AuthenticatedDevice {
  const {
    id,
    customerId,
    machineId,
    hardwareId,
    helpdeskStateVersion,
    currentProfile,
    hostname,
    osPlatform,
    osName,
    osVersion,
    osKind,
    ip,
    agentVersion,
  } = device;
  return {
    id,
    customerId,
    machineId,
    hardwareId,
    tokenRetiresAt,
    helpdeskStateVersion,
    helpdeskActive: currentProfile?.helpdeskActive ?? false,
    identity:
      currentProfile?.helpdeskActive && currentProfile.contact ? { confirmed: true, ...currentProfile.contact } : null,
    inventory: {
      hostname,
      osPlatform,
      osName,
      osVersion,
      osKind,
      ip,
      agentVersion,
      currentProfile: currentProfile ? { name: currentProfile.name, displayName: currentProfile.displayName } : null,
    },
  };
}
