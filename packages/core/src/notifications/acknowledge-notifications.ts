import { getPrisma } from "@helpline/db";
import { DEVICE_CHANNEL, STALE_PREFIX } from "../devices/device-channel.ts";
import { NOTIFICATION_MAX_AGE_MS } from "../devices/find-device-by-token.ts";

/**
 * Removes the notifications a device's agent acknowledged (`ackNotifications` in a check-in):
 * only that device's, by id; ids it does not have are ignored. Its notifications older than 7 days
 * go at the same time (they are not sent any more). When something was removed, the device is
 * announced as stale on the device channel, so every gateway drops its cached copy.
 *
 * One statement (delete and NOTIFY commit together). Returns how many acknowledged ids were removed.
 */
export async function acknowledgeNotifications(options: {
  deviceId: string;
  ids: string[];
  now?: Date;
}): Promise<number> {
  const { deviceId, ids } = options;
  const staleBefore = new Date((options.now ?? new Date()).getTime() - NOTIFICATION_MAX_AGE_MS).toISOString();
  const [row] = await getPrisma().$queryRaw<{ acknowledged: number }[]>`
    WITH removed AS (
      DELETE FROM "AgentNotification"
      WHERE "deviceId" = ${deviceId}::uuid
        AND (id::text = ANY(${ids}::text[]) OR "createdAt" < ${staleBefore}::timestamp(3))
      RETURNING id::text = ANY(${ids}::text[]) AS acknowledged
    ), announced AS (
      SELECT pg_notify(${DEVICE_CHANNEL}, ${STALE_PREFIX + deviceId}) FROM (SELECT 1 FROM removed LIMIT 1) AS any_removed
    )
    SELECT (SELECT count(*) FROM removed WHERE acknowledged)::int AS acknowledged, (SELECT count(*) FROM announced)::int AS announced`;
  return row?.acknowledged ?? 0;
}
