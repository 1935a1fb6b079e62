/** Where mail goes: an SMTP relay (`SMTP_URL`), or the built-in catcher that keeps it for the Outbox. */
export type MailConfig = { mode: "smtp"; url: string; from: string } | { mode: "catcher"; from: string };

export const DEFAULT_MAIL_FROM = "Helpline <helpdesk@helpline.local>";

export function resolveMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const from = env.HELPLINE_MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
  const url = env.SMTP_URL?.trim();
  return url ? { mode: "smtp", url, from } : { mode: "catcher", from };
}
