import type { TProfileRef, TSignedInProfile } from "@helpline/protocol";
import type { SignedInSession } from "./service-channel.ts";

/**
 * The check-in's `profiles` and `currentProfile` from the service's sessions message: every
 * signed-in profile once (a user signed in to two sessions is one profile; `console` when any of
 * them is the console session), in the sessions' order, with `trayRunning` when `trayProfiles`
 * (the profiles of the trays connected now, as Windows vouched for them) holds it. Profile names
 * are DOMAIN\user, compared case-insensitively as Windows does. `trayLocales` (profile → BCP 47
 * tag) gives each profile its `locale`, the display language its user's tray reported. `currentProfile`: the console's
 * profile, else the only one, else null (several Remote Desktop users and nobody at the console).
 */
export function signedInProfiles(
  sessions: SignedInSession[],
  trayProfiles: Iterable<string>,
  trayLocales: ReadonlyMap<string, string> = new Map(),
): { profiles: TSignedInProfile[]; currentProfile: TProfileRef | null; locale?: string } {
  const trays = new Set([...trayProfiles].map((profile) => profile.toLowerCase()));
  const locales = new Map([...trayLocales].map(([profile, tag]) => [profile.toLowerCase(), tag]));
  const byName = new Map<string, TSignedInProfile>();
  for (const session of sessions) {
    const key = session.profile.toLowerCase();
    const known = byName.get(key);
    if (known) known.console ||= session.console;
    else
      byName.set(key, {
        name: session.profile,
        displayName: null,
        console: session.console,
        trayRunning: trays.has(key),
        ...(locales.has(key) && { locale: locales.get(key) }),
      });
  }
  const profiles = [...byName.values()];
  const current = profiles.find((profile) => profile.console) ?? (profiles.length === 1 ? profiles[0] : undefined);
  return {
    profiles,
    currentProfile: current ? { name: current.name, displayName: null } : null,
    ...(current?.locale && { locale: current.locale }),
  };
}
