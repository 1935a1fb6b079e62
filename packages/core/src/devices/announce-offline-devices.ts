import { getPrisma } from "@helpline/db";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event.ts";
import { deviceEvent } from "../webhooks/webhook-payloads.ts";
import { onlineSince } from "./device-presence.ts";

const BATCH = 500;

/**
 * Writes a `device.offline` webhook event for each device that stopped checking in (no check-in
 * within the online window of device-presence.ts, 75 s, at `now`) and was not announced yet for
 * this absence: marks it (`offlineAnnouncedAt`) and enqueues the event in one transaction, up to
 * 500 devices a call, oldest absence first. The next check-in clears the mark, so every time a
 * device goes quiet is announced once. Rows are claimed with FOR UPDATE SKIP LOCKED, so processes
 * running this at once announce each absence once. Presence is computed on read everywhere else
 * (the Devices list); this is the one place an absence becomes an event. Returns how many devices
 * were announced.
 */
export async function announceOfflineDevices(options: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const cutoff = onlineSince(now).toISOString();
  return getPrisma().$transaction(async (tx) => {
    const gone = await tx.$queryRaw<{ id: string }[]>`
      WITH gone AS (
        SELECT id FROM "Device"
        WHERE "offlineAnnouncedAt" IS NULL AND "lastSeenAt" < ${cutoff}::timestamp(3)
        ORDER BY "lastSeenAt"
        LIMIT ${options.limit ?? BATCH}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE "Device" AS d SET "offlineAnnouncedAt" = ${now.toISOString()}::timestamp(3)
      FROM gone WHERE d.id = gone.id
      RETURNING d.id`;
    for (const device of gone) await enqueueWebhookEvent(tx, await deviceEvent(tx, "device.offline", device.id));
    return gone.length;
  });
}
