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

/** Settings ▸ Email ▸ Send a test mail: the test mail asked about, by its Message-ID without `<>`. */
export const ZTestMailResultInput = z.object({
  messageId: z
    .string()
    .trim()
    .max(300)
    .regex(/^[^<>\s@]+@[^<>\s@]+$/, "Give the test mail's Message-ID."),
});
export type TTestMailResultInput = z.infer<typeof ZTestMailResultInput>;
