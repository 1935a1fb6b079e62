import { getPrisma, Prisma } from "@helpline/db";

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
  /** What the language of the profile signed in now is decided from (decideProfileLanguage); null: nobody. */
  currentLanguage: ProfileLanguageFacts | null;
  /** The customer's default language for end users (Customer page ▸ Language); null: the MSP's. */
  customerLanguage: string | null;
  inventory: DeviceInventory;
  /** The signed-in profiles of the last `profiles` list the agent reported (by name); null when it never did. */
  signedInProfiles: SignedInProfileState[] | null;
  /** Unacknowledged notifications younger than NOTIFICATION_MAX_AGE_MS, oldest first, at most MAX_NOTIFICATIONS_PER_CHECKIN. */
  notifications: PendingNotification[];
};

/**
 * A profile's inputs to decideProfileLanguage: its contact (confirmed, whether or not the helpdesk
 * is active now) with the contact's stored language, and the Windows display language last reported.
 */
export type ProfileLanguageFacts = {
  contact: { language: string | null } | null;
  windowsLocale: string | null;
};

export type SignedInProfileState = {
  name: string;
  displayName: string | null;
  console: boolean | null;
  trayRunning: boolean | null;
  helpdeskActive: boolean;
  identity: { confirmed: true; fullName: string; email: string } | null;
  language: ProfileLanguageFacts;
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

type ContactRow = { fullName: string; email: string; language: string | null } | null;

/** One row of the query below; the related rows come as JSON (timestamps as ms since the epoch). */
type DeviceRow = {
  id: string;
  customerId: string;
  machineId: string;
  hardwareId: string | null;
  helpdeskStateVersion: number;
  profilesReported: boolean;
  hostname: string;
  osPlatform: DeviceInventory["osPlatform"];
  osName: string;
  osVersion: string;
  osKind: DeviceInventory["osKind"];
  ip: string | null;
  agentVersion: string;
  retiresAtMs: number | null;
  customerLanguage: string | null;
  currentProfile: {
    name: string;
    displayName: string | null;
    helpdeskActive: boolean;
    windowsLocale: string | null;
    contact: ContactRow;
  } | null;
  profiles: {
    name: string;
    displayName: string | null;
    helpdeskActive: boolean;
    onConsole: boolean | null;
    trayRunning: boolean | null;
    windowsLocale: string | null;
    contact: ContactRow;
  }[];
  // The statement returns times as epoch milliseconds (JSON carries no Date).
  notifications: (Omit<PendingNotification, "at"> & { atMs: number })[];
};

/**
 * The device holding this token (by its SHA-256), with what a check-in compares against: its
 * current token, or a superseded one still in its grace (`tokenRetiresAt` says until when). Null
 * for an unknown or retired token.
 *
 * One statement: this runs for every device a gateway has not cached (a fleet's first check-ins
 * after a start, every device after a change), and Prisma's nested select made one query per
 * relation (device, current profile, its contact, signed-in profiles, their contacts,
 * notifications, their profiles) — seven round trips holding the pool under a fleet's warm-up.
 */
export async function findDeviceByTokenHash(tokenHash: string, now = new Date()): Promise<AuthenticatedDevice | null> {
  const since = new Date(now.getTime() - NOTIFICATION_MAX_AGE_MS).toISOString();
  // A profile's contact (joined as c), or null: a constant fragment, no input in it.
  const contact = Prisma.raw(
    `CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('fullName', c."fullName", 'email', c.email, 'language', c.language) END`,
  );
  const [row] = await getPrisma().$queryRaw<DeviceRow[]>`
    WITH hit AS (
      SELECT id, NULL::float8 AS "retiresAtMs", 0 AS rank FROM "Device" WHERE "agentTokenHash" = ${tokenHash}
      UNION ALL
      SELECT "deviceId", (extract(epoch FROM "retiresAt") * 1000)::float8, 1 FROM "DeviceToken" WHERE "tokenHash" = ${tokenHash}
      ORDER BY rank LIMIT 1
    )
    SELECT d.id, d."customerId", d."machineId", d."hardwareId", d."helpdeskStateVersion",
      d."profilesReportedAt" IS NOT NULL AS "profilesReported", d.hostname, d."osPlatform"::text AS "osPlatform",
      d."osName", d."osVersion", d."osKind"::text AS "osKind", d.ip, d."agentVersion", hit."retiresAtMs",
      (SELECT cu.language FROM "Customer" cu WHERE cu.id = d."customerId") AS "customerLanguage",
      (SELECT json_build_object('name', p.name, 'displayName', p."displayName", 'helpdeskActive', p."helpdeskActive",
                                'windowsLocale', p."windowsLocale", 'contact', ${contact})
         FROM "DeviceProfile" p LEFT JOIN "Contact" c ON c.id = p."contactId"
        WHERE p.id = d."currentProfileId") AS "currentProfile",
      COALESCE((SELECT json_agg(json_build_object('name', p.name, 'displayName', p."displayName",
                                                  'helpdeskActive', p."helpdeskActive", 'onConsole', p."onConsole",
                                                  'trayRunning', p."trayRunning", 'windowsLocale', p."windowsLocale",
                                                  'contact', ${contact})
                                ORDER BY p.name)
                  FROM "DeviceProfile" p LEFT JOIN "Contact" c ON c.id = p."contactId"
                 WHERE p."deviceId" = d.id AND p."signedIn"), '[]'::json) AS profiles,
      COALESCE((SELECT json_agg(json_build_object('id', n.id, 'kind', n.kind, 'profile', n.profile,
                                                  'ticketNumber', n."ticketNumber", 'title', n.title, 'from', n."fromName",
                                                  'atMs', n."atMs")
                                ORDER BY n."createdAt", n.id)
                  FROM (SELECT n.id, n.kind, p.name AS profile, n."ticketNumber", n.title, n."fromName", n."createdAt",
                               floor(extract(epoch FROM n."createdAt") * 1000)::float8 AS "atMs"
                          FROM "AgentNotification" n JOIN "DeviceProfile" p ON p.id = n."profileId"
                         WHERE n."deviceId" = d.id AND n."createdAt" > ${since}::timestamp(3)
                         ORDER BY n."createdAt", n.id
                         LIMIT ${MAX_NOTIFICATIONS_PER_CHECKIN}) n), '[]'::json) AS notifications
    FROM hit JOIN "Device" d ON d.id = hit.id`;
  if (!row || (row.retiresAtMs !== null && row.retiresAtMs <= now.getTime())) return null;
  return authenticated(row);
}

function confirmedIdentity(profile: { helpdeskActive: boolean; contact: ContactRow }) {
  return profile.helpdeskActive && profile.contact
    ? { confirmed: true as const, fullName: profile.contact.fullName, email: profile.contact.email }
    : null;
}

function languageFacts(profile: { windowsLocale: string | null; contact: ContactRow }): ProfileLanguageFacts {
  return {
    contact: profile.contact ? { language: profile.contact.language } : null,
    windowsLocale: profile.windowsLocale,
  };
}

function authenticated(device: DeviceRow): AuthenticatedDevice {
  const { currentProfile } = device;
  return {
    id: device.id,
    customerId: device.customerId,
    machineId: device.machineId,
    hardwareId: device.hardwareId,
    tokenRetiresAt: device.retiresAtMs,
    helpdeskStateVersion: device.helpdeskStateVersion,
    helpdeskActive: currentProfile?.helpdeskActive ?? false,
    identity: currentProfile ? confirmedIdentity(currentProfile) : null,
    currentLanguage: currentProfile ? languageFacts(currentProfile) : null,
    customerLanguage: device.customerLanguage,
    inventory: {
      hostname: device.hostname,
      osPlatform: device.osPlatform,
      osName: device.osName,
      osVersion: device.osVersion,
      osKind: device.osKind,
      ip: device.ip,
      agentVersion: device.agentVersion,
      currentProfile: currentProfile ? { name: currentProfile.name, displayName: currentProfile.displayName } : null,
    },
    signedInProfiles: device.profilesReported
      ? device.profiles.map((profile) => ({
          name: profile.name,
          displayName: profile.displayName,
          console: profile.onConsole,
          trayRunning: profile.trayRunning,
          helpdeskActive: profile.helpdeskActive,
          identity: confirmedIdentity(profile),
          language: languageFacts(profile),
        }))
      : null,
    notifications: device.notifications.map(({ atMs, ...notification }) => ({ ...notification, at: new Date(atMs) })),
  };
}
