import { safeRedirectPath } from "../links/safe-redirect-path.ts";
import { withoutTrailingSlashes } from "../links/without-trailing-slashes.ts";

/** Lifetimes of the portal's secrets, and where a link lands. */
export const PORTAL_EMAIL_LINK_TTL_SECONDS = 15 * 60;
export const PORTAL_AGENT_LINK_TTL_SECONDS = 120;
export const PORTAL_SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const PORTAL_SIGN_IN_LIMIT = { perEmail: 3, perIp: 20, windowMs: 15 * 60 * 1000 };

/** Only a path inside the portal may follow a sign-in: the site's one rule (safeRedirectPath), kept to /portal. */
export function safePortalPath(next: string | null | undefined): string {
  return safeRedirectPath(next, { fallback: "/portal", within: "/portal" });
}

/**
 * Where the agent's Open Customer Portal lands: a link that signs in when opened. It never travels
 * by mail (the agent opens it in the user's browser), so no mail scanner can spend it first, and
 * it needs no Continue button.
 */
export function agentPortalLinkUrl(publicUrl: string, token: string): string {
  return `${withoutTrailingSlashes(publicUrl)}/portal/open/${token}`;
}

/** Where a mailed sign-in link lands: a page whose Continue button spends it (scanners open links). */
export function portalLinkUrl(publicUrl: string, token: string, next?: string): string {
  const url = `${withoutTrailingSlashes(publicUrl)}/portal/sign-in/${token}`;
  const path = safePortalPath(next);
  return path === "/portal" ? url : `${url}?next=${encodeURIComponent(path)}`;
}

/** Where a contact follows a ticket in the Customer Portal. */
export function ticketPortalUrl(publicUrl: string, number: number): string {
  return `${withoutTrailingSlashes(publicUrl)}/portal/tickets/${number}`;
}
