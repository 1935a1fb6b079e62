import { createHash, timingSafeEqual } from "node:crypto";
import type http from "node:http";
import type { Locale } from "@helpline/i18n";
import { pageTranslator } from "./html.ts";
import { ADD_TICKET_SCRIPT } from "./render-ticket-pages.ts";

const COOKIE = "helpline_local";
// Forms, and one script (Add Ticket's size check) allowed by its hash; images only from this page
// (the screenshot thumbnail).
const CSP = `default-src 'none'; script-src 'sha256-${createHash("sha256").update(ADD_TICKET_SCRIPT).digest("base64")}'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

function sameSecret(given: string | null | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type GuardVerdict =
  { allowed: true; url: URL; viaLink: boolean } | { allowed: false; status: 403; text: string };

/**
 * Lets a request through only when it is for this page and from it: the Host must be this
 * loopback port (a foreign one is DNS rebinding), an Origin, when sent, the same (another site's
 * page posting a form), and the per-run secret must come with it, in the session cookie or, on a
 * GET, as `?s=` in the link the agent opened (`viaLink`: the answer then sets the cookie). Without
 * the secret (a tab left open while the agent restarted, a bookmark) the person is told, in the
 * page's `locale`, to open it from the agent again.
 */
export function guardRequest(
  request: http.IncomingMessage,
  page: { port: number; secret: string; locale: Locale },
): GuardVerdict {
  const allowedHosts = [`127.0.0.1:${page.port}`, `localhost:${page.port}`];
  const origin = request.headers.origin;
  if (
    !allowedHosts.includes(request.headers.host ?? "") ||
    (origin && !allowedHosts.some((host) => origin === `http://${host}`))
  ) {
    return { allowed: false, status: 403, text: "Forbidden" };
  }
  const url = new URL(request.url ?? "/", `http://${request.headers.host}`);
  const cookie = /(?:^|;\s*)helpline_local=([^;]+)/.exec(request.headers.cookie ?? "")?.[1];
  const viaLink = request.method === "GET" && sameSecret(url.searchParams.get("s"), page.secret);
  if (!viaLink && !sameSecret(cookie, page.secret))
    return { allowed: false, status: 403, text: pageTranslator(page.locale)("openFromAgent") };
  return { allowed: true, url, viaLink };
}

/** The headers of every page the guard let through; with `viaLink` they set the session cookie. */
export function securityHeaders(options: { viaLink: boolean; secret: string }): http.OutgoingHttpHeaders {
  // same-origin, not no-referrer: the secret in the first URL never leaves for another site, and
  // the browser still sends this page's Origin on its own form posts (no-referrer makes it "null").
  const headers: http.OutgoingHttpHeaders = {
    "cache-control": "no-store",
    "content-security-policy": CSP,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
  };
  if (options.viaLink) headers["set-cookie"] = `${COOKIE}=${options.secret}; HttpOnly; SameSite=Strict; Path=/`;
  return headers;
}
