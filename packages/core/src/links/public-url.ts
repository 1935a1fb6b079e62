import { isIP } from "node:net";
import { config, type HelplineConfig } from "../config/config.ts";
import { DomainError } from "../errors.ts";

/** Where a request came in: its scheme (`http`, `https`) and its `Host` header (with port), if any. */
export type RequestAddress = { protocol: string; host: string | null | undefined };

function isLocal(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, "");
  return bare === "localhost" || bare.endsWith(".localhost") || isIP(bare) !== 0;
}

/**
 * The address people and agents use to reach Helpline, without a trailing slash (links append
 * paths to it): HELPLINE_PUBLIC_URL when set, else the address the request came in on. A request
 * without `Host` (mail Helpline writes by itself, such as the receipt to an email ticket) counts as
 * `localhost` on the port Helpline listens on (`PORT`, else `npm start`'s 3000), so on embedded
 * defaults with another PORT the link still opens Helpline.
 *
 * With `forMail`, for links in emails (sign-in links, ticket links), the request's `Host` is used
 * only when it is a local name or an IP address: a Host header is whatever the caller sends, and
 * a sign-in link mailed to a contact must never point at a site the caller chose. Otherwise it
 * throws DomainError `public_url_required` (409).
 *
 * `settings` is for tests; callers leave it out and get the process's `config()`.
 */
export function publicUrl(
  request: RequestAddress,
  options: { forMail?: boolean; settings?: Pick<HelplineConfig, "publicUrl" | "port"> } = {},
): string {
  const settings = options.settings ?? config();
  if (settings.publicUrl) return settings.publicUrl;
  if (!options.forMail) return `${request.protocol}://${request.host ?? `localhost:${settings.port ?? 3000}`}`;
  const host = request.host ?? "";
  const match = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/.exec(host);
  if (match && isLocal(match[1]!)) return `${request.protocol}://${host}`;
  throw new DomainError(
    "public_url_required",
    "Links in emails need HELPLINE_PUBLIC_URL: ask your administrator to set it to the address people use to reach Helpline.",
    409,
  );
}
