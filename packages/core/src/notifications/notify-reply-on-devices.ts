import type { Prisma } from "@helpline/db";
import { NOTIFICATION_MAX_AGE_MS } from "../devices/find-device-by-token.ts";
import { bumpHelpdeskState } from "../helpdesk/bump-helpdesk-state.ts";

/**
 * Inside the transaction that writes a technician's public reply: one notification for each
 * (device, profile) on which the ticket's contact is the confirmed identity and the Helpdesk Agent
 * is active, so that the agent's tray can say "Ticket #1042: new reply from Sam". The devices'
 * state version is bumped, which wakes their held check-ins (here and, by NOTIFY on commit, in
 * every other gateway). Those devices' notifications older than 7 days go: they are not sent any
 * more, and an agent that does not acknowledge (older versions) would otherwise keep them forever.
 * Returns the devices notified.
 */
export async function notifyReplyOnDevices(
  tx: Prisma.TransactionClient,
  reply: { contactId: string; ticketNumber: number; title: string; from: string; at: Date },
): Promise<string[]> {
  const rows = await tx.$queryRaw<{ deviceId: string }[]>`
    WITH made AS (
      INSERT INTO "AgentNotification" (id, "deviceId", "profileId", kind, "ticketNumber", title, "fromName", "createdAt")
      SELECT gen_random_uuid(), p."deviceId", p.id, 'reply', ${reply.ticketNumber}, ${reply.title}, ${reply.from},
             ${reply.at.toISOString()}::timestamp(3)
      FROM "DeviceProfile" p
      WHERE p."contactId" = ${reply.contactId}::uuid AND p."helpdeskActive"
      RETURNING "deviceId"
    )
    SELECT DISTINCT "deviceId"::text AS "deviceId" FROM made`;
  const deviceIds = rows.map((row) => row.deviceId);
  if (deviceIds.length === 0) return [];
  await tx.agentNotification.deleteMany({
    where: { deviceId: { in: deviceIds }, createdAt: { lt: new Date(reply.at.getTime() - NOTIFICATION_MAX_AGE_MS) } },
  });
  await bumpHelpdeskState(tx, deviceIds);
  return deviceIds;
}
