import type { Prisma } from "@helpline/db";

/** The NOTIFY channel on which a device id announces "what the agent must learn has changed". */
export const DEVICE_CHANNEL = "helpline_device";

/**
 * Payload prefix on DEVICE_CHANNEL (`stale:<device id>`): cached copies of the device are out of
 * date, but its agent has nothing new to learn (it acknowledged notifications itself), so caches
 * forget the device and held check-ins keep waiting — the acknowledging check-in must not be
 * woken by its own acknowledgement.
 */
export const STALE_PREFIX = "stale:";

/** Sent inside the caller's transaction, so listeners hear of the change only once it is committed. */
export async function notifyDeviceChanged(tx: Prisma.TransactionClient, deviceIds: string[]): Promise<void> {
  if (deviceIds.length === 0) return;
  // One NOTIFY per device; payloads are uuids (36 bytes), far below the 8000-byte limit.
  await tx.$executeRaw`SELECT pg_notify(${DEVICE_CHANNEL}, id) FROM unnest(${deviceIds}::text[]) AS id`;
}
