import { getPrisma } from "@helpline/db";
import { helpdeskState } from "../helpdesk/helpdesk-rules.ts";
import { isOnline } from "./device-presence.ts";
import { INVENTORY_SELECT } from "./find-device-by-token.ts";
import type { TDeviceRef } from "./device-input.ts";

/**
 * The Device / Agent page: inventory and the user profiles seen on the device. `sessionsReported`
 * says whether the agent reports every signed-in session (`profiles` in its check-ins); only then
 * do a profile's `signedIn`, `onConsole` and `trayRunning` mean something, as of `lastSeenAt`
 * (the list holds until a check-in changes it).
 */
export async function getDevice(options: { input: TDeviceRef; now?: Date }) {
  const device = await getPrisma().device.findUnique({
    where: { id: options.input.deviceId },
    select: {
      id: true,
      ...INVENTORY_SELECT,
      firstSeenAt: true,
      lastSeenAt: true,
      currentProfileId: true,
      profilesReportedAt: true,
      customer: { select: { id: true, name: true } },
      profiles: {
        select: {
          id: true,
          name: true,
          displayName: true,
          firstSeenAt: true,
          lastSeenAt: true,
          helpdeskActive: true,
          signedIn: true,
          onConsole: true,
          trayRunning: true,
          contactId: true,
          contact: { select: { fullName: true, email: true } },
        },
        orderBy: { lastSeenAt: "desc" },
      },
      cloneOf: { select: { id: true, hostname: true, firstSeenAt: true } },
      possibleClones: {
        select: { id: true, hostname: true, firstSeenAt: true },
        orderBy: [{ firstSeenAt: "asc" }, { id: "asc" }],
        take: 20,
      },
    },
  });
  if (!device) return null;
  const { currentProfileId, profilesReportedAt, profiles, cloneOf, possibleClones, ...rest } = device;
  return {
    ...rest,
    sessionsReported: profilesReportedAt !== null,
    // Both sides of a possible clone (enroll-device.ts): the device it may be a clone of, and the
    // devices that may be clones of it.
    possibleClones: [
      ...(cloneOf ? [{ ...cloneOf, relation: "original" as const }] : []),
      ...possibleClones.map((clone) => ({ ...clone, relation: "clone" as const })),
    ],
    online: isOnline(device.lastSeenAt, options.now),
    profiles: profiles.map((profile) => ({
      ...profile,
      current: profile.id === currentProfileId,
      helpdesk: helpdeskState(profile),
    })),
    currentProfileHelpdeskActive: profiles.some((profile) => profile.id === currentProfileId && profile.helpdeskActive),
  };
}
