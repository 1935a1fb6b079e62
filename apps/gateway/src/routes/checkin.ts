import {
  NEXT_CHECKIN_SECONDS,
  NOTIFICATION_MAX_AGE_MS,
  acknowledgeNotifications,
  decideProfileLanguage,
  forgetSignedInProfiles,
  recordDeviceInventory,
  recordProfileLocales,
  recordSignedInProfiles,
  uniqueReportedProfiles,
  type AuthenticatedDevice,
  type DeviceInventory,
  type ProfileLanguageFacts,
  type ReportedLocale,
  type ReportedProfile,
} from "@helpline/core";
import { ZCheckinRequest, type TCheckinRequest, type TCheckinResponse } from "@helpline/protocol";
import type { FastifyInstance } from "fastify";
import { deviceRoute } from "../device-route.ts";
import type { FleetState } from "../fleet/fleet-state.ts";
import type { MspDefaults } from "../fleet/msp-defaults.ts";

function reportedInventory(body: TCheckinRequest): DeviceInventory {
  return {
    hostname: body.hostname,
    osPlatform: body.os.platform,
    osName: body.os.name,
    osVersion: body.os.version,
    osKind: body.os.kind,
    ip: body.ip ?? null,
    agentVersion: body.agentVersion,
    currentProfile: body.currentProfile
      ? { name: body.currentProfile.name, displayName: body.currentProfile.displayName ?? null }
      : null,
  };
}

function reportedProfiles(body: TCheckinRequest): ReportedProfile[] | null {
  if (!body.profiles) return null;
  return uniqueReportedProfiles(
    body.profiles.map((profile) => ({
      name: profile.name,
      displayName: profile.displayName ?? null,
      console: profile.console ?? null,
      trayRunning: profile.trayRunning ?? null,
    })),
  );
}

// Field by field: this runs on every check-in, and serialising both sides cost more than the rest.
function sameInventory(a: DeviceInventory, b: DeviceInventory): boolean {
  return (
    a.hostname === b.hostname &&
    a.osPlatform === b.osPlatform &&
    a.osName === b.osName &&
    a.osVersion === b.osVersion &&
    a.osKind === b.osKind &&
    a.ip === b.ip &&
    a.agentVersion === b.agentVersion &&
    (a.currentProfile === null || b.currentProfile === null
      ? a.currentProfile === b.currentProfile
      : a.currentProfile.name === b.currentProfile.name &&
        a.currentProfile.displayName === b.currentProfile.displayName)
  );
}

// A reported display name of null keeps the stored one (as the write does), so it is no change.
function sameProfiles(reported: ReportedProfile[], stored: AuthenticatedDevice["signedInProfiles"]): boolean {
  if (stored === null || stored.length !== reported.length) return false;
  const byName = new Map(stored.map((profile) => [profile.name, profile]));
  return reported.every((profile) => {
    const known = byName.get(profile.name);
    return (
      known !== undefined &&
      (profile.displayName === null || profile.displayName === known.displayName) &&
      profile.console === known.console &&
      profile.trayRunning === known.trayRunning
    );
  });
}

/**
 * The Windows display languages the request reported that the device does not have yet: each
 * listed profile's `locale`, and the request's own `locale` for the current profile when its entry
 * has none. Equal tags are no change (check-ins repeat them every minute); an absent one keeps the
 * stored tag.
 */
function changedLocales(body: TCheckinRequest, device: AuthenticatedDevice): ReportedLocale[] {
  const reported = new Map<string, string>();
  for (const profile of body.profiles ?? []) if (profile.locale) reported.set(profile.name, profile.locale);
  const current = body.currentProfile?.name;
  if (current && body.locale && !reported.has(current)) reported.set(current, body.locale);
  if (reported.size === 0) return [];
  const stored = new Map(
    (device.signedInProfiles ?? []).map((profile) => [profile.name, profile.language.windowsLocale]),
  );
  if (device.inventory.currentProfile && device.currentLanguage)
    stored.set(device.inventory.currentProfile.name, device.currentLanguage.windowsLocale);
  return [...reported].filter(([name, tag]) => stored.get(name) !== tag).map(([name, tag]) => ({ name, tag }));
}

// Only ids the answer could have carried: a repeated ack of what is gone writes nothing.
function pendingAcks(body: TCheckinRequest, device: AuthenticatedDevice): string[] {
  if (!body.ackNotifications?.length) return [];
  const acked = new Set(body.ackNotifications);
  return device.notifications.filter((notification) => acked.has(notification.id)).map(({ id }) => id);
}

const NOBODY: ProfileLanguageFacts = { contact: null, windowsLocale: null };

function answer(
  device: AuthenticatedDevice,
  profiles: ReportedProfile[] | null,
  msp: MspDefaults,
  now: Date,
): TCheckinResponse {
  const states = new Map((device.signedInProfiles ?? []).map((profile) => [profile.name, profile]));
  const notSent = now.getTime() - NOTIFICATION_MAX_AGE_MS;
  const language = (facts: ProfileLanguageFacts | null) =>
    decideProfileLanguage({
      ...(facts ?? NOBODY),
      customerLanguage: device.customerLanguage,
      mspLanguage: msp.language,
    });
  return {
    stateVersion: device.helpdeskStateVersion,
    nextCheckinSeconds: NEXT_CHECKIN_SECONDS,
    helpdesk: { active: device.helpdeskActive, identity: device.identity, language: language(device.currentLanguage) },
    ...(profiles && {
      profiles: profiles.map(({ name }) => {
        const state = states.get(name);
        return {
          name,
          helpdesk: {
            active: state?.helpdeskActive ?? false,
            identity: state?.identity ?? null,
            language: language(state?.language ?? null),
          },
        };
      }),
    }),
    notifications: device.notifications
      .filter((notification) => notification.at.getTime() > notSent)
      .map((notification) => ({ ...notification, at: notification.at.toISOString() })),
    mspName: msp.name,
  };
}

/**
 * `POST /checkin`, the hot path. A check-in that changes nothing reads no row and writes none of
 * its own (last-seen is batched); a changed inventory, profile list, Windows display language or
 * an acknowledgement is written at once. Each helpdesk state carries the profile's language. With `waitSeconds`, the request is held until the device's state version moves
 * (a helpdesk change, a new notification) or the wait ends.
 */
export async function checkinRoute(app: FastifyInstance, options: { fleet: FleetState }): Promise<void> {
  const { fleet } = options;
  deviceRoute(
    app,
    "POST /checkin",
    { fleet, input: ZCheckinRequest },
    async ({ device, tokenHash, body, request, reply }) => {
      const inventory = reportedInventory(body);
      const profiles = reportedProfiles(body);
      const now = new Date();
      const inventoryChanged = !sameInventory(device.inventory, inventory);
      const profilesChanged = profiles
        ? !sameProfiles(profiles, device.signedInProfiles)
        : device.signedInProfiles !== null;
      const acks = pendingAcks(body, device);
      const locales = changedLocales(body, device);
      let current = device;
      if (!inventoryChanged && !profilesChanged && acks.length === 0 && locales.length === 0) {
        fleet.lastSeen.record(device.id, now);
      } else {
        if (inventoryChanged) await recordDeviceInventory({ deviceId: device.id, inventory, seenAt: now });
        if (profilesChanged) {
          if (profiles) await recordSignedInProfiles({ deviceId: device.id, profiles, inventory, seenAt: now });
          else await forgetSignedInProfiles(device.id);
        }
        if (acks.length > 0) await acknowledgeNotifications({ deviceId: device.id, ids: acks, now });
        // After the profiles: a profile seen for the first time has its row now.
        if (locales.length > 0) await recordProfileLocales({ deviceId: device.id, locales });
        if (!inventoryChanged) fleet.lastSeen.record(device.id, now);
        // Another profile may carry another helpdesk state; and a change announced during the await
        // must not be slept through: read the device again.
        fleet.directory.forget(device.id);
        current = (await fleet.directory.lookup(tokenHash)) ?? device;
      }
      const waitMs = (body.waitSeconds ?? 0) * 1000;
      if (waitMs > 0 && body.knownStateVersion === current.helpdeskStateVersion) {
        const release = new AbortController();
        // The response closing before we answered means the agent hung up (maybe already).
        if (request.raw.socket.destroyed) release.abort();
        else reply.raw.once("close", () => release.abort());
        const woken = fleet.waiters.wait(device.id, waitMs, release.signal);
        // A change committed while the version above was being read was announced before this
        // request waited: look once more now that no announcement can be missed.
        const settled = await fleet.directory.lookup(tokenHash);
        if (settled && settled.helpdeskStateVersion !== body.knownStateVersion) release.abort();
        await woken;
        current = (await fleet.directory.lookup(tokenHash)) ?? current;
        fleet.lastSeen.record(device.id, new Date());
      }
      const cached = fleet.mspDefaults.current();
      const msp = cached instanceof Promise ? await cached : cached;
      return reply.send(answer(current, profiles, msp, new Date()));
    },
  );
}
