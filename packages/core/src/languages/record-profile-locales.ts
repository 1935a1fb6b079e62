import { getPrisma } from "@helpline/db";
import { bumpHelpdeskState } from "../helpdesk/bump-helpdesk-state.ts";
import { recordWindowsLanguage } from "./record-windows-language.ts";

/** One profile's Windows display language as the check-in reported it (`tag`, BCP 47, "fr-FR"). */
export type ReportedLocale = { name: string; tag: string };

/**
 * Stores the Windows display language each profile of this device reported on
 * DeviceProfile.windowsLocale, only where it differs (a conditional UPDATE: parallel check-ins
 * write once; rows locked in name order like every other writer of these rows), and gives it to
 * the contacts confirmed on the profiles that changed (recordWindowsLanguage: never over a chosen
 * language). When a contact's language changed, the devices where that contact is signed in are
 * bumped, so their agents learn the language (held check-ins wake). One transaction, so a stored
 * tag never misses its contact. Profiles the device has no row for are skipped. Returns how many
 * profiles changed.
 */
export async function recordProfileLocales(options: {
  deviceId: string;
  locales: readonly ReportedLocale[];
}): Promise<number> {
  const byName = new Map(options.locales.map((locale) => [locale.name, locale.tag]));
  if (byName.size === 0) return 0;
  const names = [...byName.keys()];
  const tags = [...byName.values()];
  return getPrisma().$transaction(async (tx) => {
    const changed = await tx.$queryRaw<{ contactId: string | null; tag: string }[]>`
      WITH locked AS (
        SELECT p.id FROM "DeviceProfile" p
        WHERE p."deviceId" = ${options.deviceId}::uuid AND p.name = ANY(${names}::text[])
        ORDER BY p.name
        FOR UPDATE
      )
      UPDATE "DeviceProfile" p SET "windowsLocale" = l.tag
      FROM unnest(${names}::text[], ${tags}::text[]) AS l(name, tag)
      WHERE p.id IN (SELECT id FROM locked) AND p.name = l.name AND p."windowsLocale" IS DISTINCT FROM l.tag
      RETURNING p."contactId", l.tag`;
    const contactsByTag = new Map<string, string[]>();
    for (const { contactId, tag } of changed)
      if (contactId) contactsByTag.set(tag, [...(contactsByTag.get(tag) ?? []), contactId]);
    const moved: string[] = [];
    for (const [tag, contactIds] of contactsByTag)
      if ((await recordWindowsLanguage({ contactIds, tag, db: tx })) > 0) moved.push(...contactIds);
    if (moved.length > 0) {
      const devices = await tx.deviceProfile.findMany({
        where: { contactId: { in: moved } },
        select: { deviceId: true },
        distinct: ["deviceId"],
      });
      await bumpHelpdeskState(
        tx,
        devices.map((device) => device.deviceId),
      );
    }
    return changed.length;
  });
}
