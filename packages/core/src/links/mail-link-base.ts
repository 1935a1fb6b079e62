import { isIP } from "node:net";
import { DomainError } from "../errors.ts";

function isLocal(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, "");
  return bare === "localhost" || bare.endsWith(".localhost") || isIP(bare) !== 0;
}

/**
 * The address that links in emails (sign-in links, ticket links) start with. HELPLINE_PUBLIC_URL
 * when set. Without it, the request's Host is used only when it is a local name or an IP address:
 * a Host header is whatever the caller sends, and a sign-in link mailed to a contact must never
 * point at a site the caller chose.
 */
export function mailLinkBase(options: { configured: string | undefined; protocol: string; host: string | null | undefined }): string {
  const configured = options.configured?.trim().replace(/\/+$/, "");
  if (configured) return configured;
  const host = options.host ?? "";
  const match = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/.exec(host);
  if (match && isLocal(match[1]!)) return `${options.protocol}://${host}`;
  throw new DomainError("public_url_required", "Links in emails need HELPLINE_PUBLIC_URL: ask your administrator to set it to the address people use to reach Helpline.", 409);
}
