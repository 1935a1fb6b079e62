import { z } from "zod";

/**
 * What Helpline does with mail from an address that is no contact of any customer (Settings ▸
 * Email ▸ Unknown senders): `create` opens a ticket in Unassigned customers for triage; `ignore`
 * keeps the mail in Ignored mail for 30 days. Either way the sender never gets a reply.
 */
export const UNKNOWN_SENDER_POLICIES = ["create", "ignore"] as const;
export type TUnknownSenderPolicy = (typeof UNKNOWN_SENDER_POLICIES)[number];

export const ZEmailSettingsInput = z.object({
  unknownSenders: z.enum(UNKNOWN_SENDER_POLICIES, "Choose what happens to mail from unknown senders."),
});
export type TEmailSettingsInput = z.infer<typeof ZEmailSettingsInput>;
