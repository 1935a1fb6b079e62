import { config, mailAddressOf, type HelplineConfig } from "../config/config.ts";

/**
 * The header every mail Helpline sends carries, naming this Helpline by its mail domain. A message
 * coming in with it is Helpline's own mail come back (an auto-forward, a misrouted reply-to): it is
 * never answered, so two helpdesks (or one with itself) cannot mail each other forever.
 */
export const LOOP_HEADER = "X-Helpline-Loop";

/**
 * The domain of this Helpline's Message-IDs (RFC 5322 §3.6.4: `<unique@domain>`) and of its loop
 * header: the host of `HELPLINE_PUBLIC_URL`, else the domain of the From address. Lower-case.
 */
export function mailDomain(settings: Pick<HelplineConfig, "publicUrl" | "mail"> = config()): string {
  if (settings.publicUrl) return new URL(settings.publicUrl).hostname.toLowerCase();
  const address = mailAddressOf(settings.mail.from);
  return address.slice(address.lastIndexOf("@") + 1) || "helpline.local";
}
