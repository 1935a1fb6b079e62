import { getPrisma } from "@helpline/db";
import { UNKNOWN_SENDER_POLICIES, type TUnknownSenderPolicy } from "./email-settings-input.ts";

export const EMAIL_SETTINGS_KEYS = { unknownSenders: "email.unknownSenders" } as const;

/** Settings ▸ Email as stored; an unset or unreadable policy is `create` (no customer mail is lost). */
export async function getEmailSettings(): Promise<{ unknownSenders: TUnknownSenderPolicy }> {
  const row = await getPrisma().systemSetting.findUnique({ where: { key: EMAIL_SETTINGS_KEYS.unknownSenders } });
  const stored = UNKNOWN_SENDER_POLICIES.find((policy) => policy === row?.value);
  return { unknownSenders: stored ?? "create" };
}
