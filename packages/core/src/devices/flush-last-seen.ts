import { getPrisma } from "@helpline/db";

/**
 * One statement for many check-ins: the gateway keeps last-seen times in memory and flushes them
 * in batches, so a check-in that changes nothing costs no write of its own. The current profile's
 * last-seen moves with its device. A device heard from again may be announced offline again
 * later (`offlineAnnouncedAt` cleared, see announceOfflineDevices).
 */
export async function flushLastSeen(seen: Map<string, Date>): Promise<void> {
  if (seen.size === 0) return;
  const ids = [...seen.keys()];
  const times = ids.map((id) => seen.get(id)!.toISOString());
  await getPrisma().$transaction([
    getPrisma().$executeRaw`
      UPDATE "Device" AS d SET "lastSeenAt" = GREATEST(d."lastSeenAt", v.seen), "offlineAnnouncedAt" = NULL
      FROM unnest(${ids}::uuid[], ${times}::timestamp(3)[]) AS v(id, seen)
      WHERE d.id = v.id`,
    getPrisma().$executeRaw`
      UPDATE "DeviceProfile" AS p SET "lastSeenAt" = GREATEST(p."lastSeenAt", v.seen)
      FROM unnest(${ids}::uuid[], ${times}::timestamp(3)[]) AS v(id, seen), "Device" AS d
      WHERE d.id = v.id AND p.id = d."currentProfileId"`,
  ]);
}
