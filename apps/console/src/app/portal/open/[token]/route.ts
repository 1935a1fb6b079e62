import { DomainError, redeemPortalLink, safePortalPath } from "@helpline/core";
import { NextResponse } from "next/server";
import { publicUrl } from "@/lib/public-url";
import { PORTAL_COOKIE, portalCookieOptions } from "@/modules/portal/session";

// Only the browser opening the page may spend the link: not an <img> or <iframe> on another site
// (that would sign a visitor in as someone else), nor a prefetch the user never asked for.
function isOpenedByPerson(request: Request): boolean {
  const destination = request.headers.get("sec-fetch-dest");
  const purpose = `${request.headers.get("sec-purpose") ?? ""} ${request.headers.get("purpose") ?? ""}`;
  return (destination === null || destination === "document") && !/prefetch|prerender/i.test(purpose);
}

/**
 * The agent's Open Customer Portal lands here: the one-time link (valid 120 s) is spent on
 * opening, a session cookie is set and the browser goes on to the portal, signed in — to `?next=`
 * when it is a portal page (the tray's click on a reply notification opens that ticket), else the
 * portal's home. Only links
 * made by the agent are spent this way; a mailed link is never spent by a GET (mail scanners open
 * links), it keeps its Continue page. Spent, expired or unknown: the sign-in page says so.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const base = await publicUrl();
  const { token } = await params;
  const refused = () =>
    NextResponse.redirect(`${base}/portal/sign-in?error=invalid_link`, {
      status: 303,
      headers: { "cache-control": "no-store", "referrer-policy": "no-referrer" },
    });
  if (!isOpenedByPerson(request))
    return new NextResponse(null, { status: 403, headers: { "cache-control": "no-store" } });
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return refused();
  try {
    const { sessionToken, expiresAt } = await redeemPortalLink({ token, via: "agent" });
    const next = safePortalPath(new URL(request.url).searchParams.get("next"));
    const response = NextResponse.redirect(`${base}${next}`, {
      status: 303,
      headers: { "cache-control": "no-store", "referrer-policy": "no-referrer" },
    });
    response.cookies.set(PORTAL_COOKIE, sessionToken, portalCookieOptions(expiresAt));
    return response;
  } catch (error) {
    if (error instanceof DomainError) return refused();
    throw error;
  }
}
