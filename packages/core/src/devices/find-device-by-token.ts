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
  /** The signed-in profiles of the last `profiles` list the agent reported (by name); null when it never did. */
  signedInProfiles: SignedInProfileState[] | null;
  /** Unacknowledged notifications younger than NOTIFICATION_MAX_AGE_MS, oldest first, at most MAX_NOTIFICATIONS_PER_CHECKIN. */
  notifications: PendingNotification[];
};

export type SignedInProfileState = {
  name: string;
  displayName: string | null;
  console: boolean | null;
  trayRunning: boolean | null;
  helpdeskActive: boolean;
  identity: { confirmed: true; fullName: string; email: string } | null;
};

export type PendingNotification = {
  id: string;
  kind: string;
  /** The profile's name (DOMAIN\user). */
  profile: string;
  ticketNumber: number;
  title: string;
  /** The technician's name. */
  from: string;
  at: Date;
};

/** Notifications older than this (7 days) are not sent any more: the news is stale. */
export const NOTIFICATION_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
/** At most this many notifications in one check-in answer (the oldest); the rest follow after acks. */
export const MAX_NOTIFICATIONS_PER_CHECKIN = 20;

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

const PROFILE_STATE_SELECT = {
  name: true,
  displayName: true,
  helpdeskActive: true,
  contact: { select: { fullName: true, email: true } },
} as const;

function deviceSelect(now: Date) {
  return {
    id: true,
    customerId: true,
    machineId: true,
    hardwareId: true,
    helpdeskStateVersion: true,
    profilesReportedAt: true,
    ...INVENTORY_SELECT,
    currentProfile: { select: PROFILE_STATE_SELECT },
    profiles: {
      where: { signedIn: true },
      select: { ...PROFILE_STATE_SELECT, onConsole: true, trayRunning: true },
      orderBy: { name: "asc" },
    },
    notifications: {
      where: { createdAt: { gt: new Date(now.getTime() - NOTIFICATION_MAX_AGE_MS) } },
      select: {
        id: true,
        kind: true,
        ticketNumber: true,
        title: true,
        fromName: true,
        createdAt: true,
        profile: { select: { name: true } },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: MAX_NOTIFICATIONS_PER_CHECKIN,
    },
  } as const satisfies Prisma.DeviceSelect;
}

/**
 * The device holding this token (by its SHA-256), with what a check-in compares against: its
 * current token, or a superseded one still in its grace (`tokenRetiresAt` says until when). Null
 * for an unknown or retired token.
 */
export async function findDeviceByTokenHash(tokenHash: string, now = new Date()): Promise<AuthenticatedDevice | null> {
  const prisma = getPrisma();
  const select = deviceSelect(now);
  const current = await prisma.device.findUnique({ where: { agentTokenHash: tokenHash }, select });
  if (current) return authenticated(current, null);
  const past = await prisma.deviceToken.findUnique({
    where: { tokenHash },
    select: { retiresAt: true, device: { select } },
  });
  if (!past || past.retiresAt <= now) return null;
  return authenticated(past.device, past.retiresAt.getTime());
}

type DeviceRow = Prisma.DeviceGetPayload<{ select: ReturnType<typeof deviceSelect> }>;

function confirmedIdentity(profile: { helpdeskActive: boolean; contact: { fullName: string; email: string } | null }) {
  return profile.helpdeskActive && profile.contact ? { confirmed: true as const, ...profile.contact } : null;
}

function authenticated(device: DeviceRow, tokenRetiresAt: number | null): AuthenticatedDevice {
  const {
    id,
    customerId,
    machineId,
    hardwareId,
    helpdeskStateVersion,
    currentProfile,
    profilesReportedAt,
    profiles,
    notifications,
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
    identity: currentProfile ? confirmedIdentity(currentProfile) : null,
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
    signedInProfiles:
      profilesReportedAt === null
        ? null
        : profiles.map((profile) => ({
            name: profile.name,
            displayName: profile.displayName,
            console: profile.onConsole,
            trayRunning: profile.trayRunning,
            helpdeskActive: profile.helpdeskActive,
            identity: confirmedIdentity(profile),
          })),
    notifications: notifications.map((notification) => ({
      id: notification.id,
      kind: notification.kind,
      profile: notification.profile.name,
      ticketNumber: notification.ticketNumber,
      title: notification.title,
      from: notification.fromName,
      at: notification.createdAt,
    })),
  };
}
