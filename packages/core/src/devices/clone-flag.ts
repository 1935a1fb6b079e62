import type { Prisma } from "@helpline/db";

/** "Possible clone of <hostname>" (and how many more devices share its machine id unproven). */
export type CloneFlag = { deviceId: string; hostname: string; others: number };

/** What `cloneFlag` needs of a device row, as a Prisma select. */
export const CLONE_FLAG_SELECT = {
  cloneOf: { select: { id: true, hostname: true } },
  possibleClones: { select: { id: true, hostname: true }, orderBy: [{ firstSeenAt: "asc" }, { id: "asc" }], take: 1 },
  _count: { select: { possibleClones: true } },
} as const satisfies Prisma.DeviceSelect;

type CloneFlagRow = Prisma.DeviceGetPayload<{ select: typeof CLONE_FLAG_SELECT }>;

/**
 * The console's flag on both devices of an unproven re-enroll (enroll-device.ts): the clone
 * names the device it may be a clone of, that device names its first possible clone. Null when
 * the device is neither.
 */
export function cloneFlag(row: CloneFlagRow): CloneFlag | null {
  const related = row.cloneOf ?? row.possibleClones[0];
  if (!related) return null;
  return {
    deviceId: related.id,
    hostname: related.hostname,
    others: (row.cloneOf ? 1 : 0) + row._count.possibleClones - 1,
  };
}
