import { getPrisma } from "@helpline/db";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { bumpHelpdeskState } from "./bump-helpdesk-state.ts";
import { enqueueWebhookEvents } from "../webhooks/enqueue-webhook-events.ts";
import { helpdeskEvents } from "../webhooks/webhook-payloads.ts";

/**
 * After a check-in recorded new profiles that the customer's policy activated at once: one audit
 * line per profile (actor "system", mode "policy") and the device's state bumped so its agent
 * learns it, together in one transaction.
 */
export async function recordPolicyActivations(options: {
  deviceId: string;
  hostname: string;
  profileNames: string[];
}): Promise<void> {
  const { deviceId, hostname, profileNames } = options;
  if (profileNames.length === 0) return;
  await getPrisma().$transaction(async (tx) => {
    for (const profile of profileNames) {
      await recordAuditEvent(tx, {
        actor: { type: "system" },
        action: "helpdesk.activated",
        subject: `device:${deviceId}`,
        data: { profile, hostname, mode: "policy" },
      });
    }
    await enqueueWebhookEvents(tx, await helpdeskEvents(tx, { deviceId, name: { in: profileNames } }, true));
    await bumpHelpdeskState(tx, [deviceId]);
  });
}
