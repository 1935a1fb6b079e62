import { DomainError, redeemPortalLink, safePortalPath } from "@helpline/core";
import { NextResponse } from "next/server";
import { publicUrl } from "@/lib/public-url";
import { PORTAL_COOKIE, portalCookieOptions } from "@/modules/portal/session";
import { fromThisSite } from "@/modules/portal/with-contact";

/**
 * The sign-in page's Continue button posts the link's secret here: the link is spent, a session
 * cookie is set, and the browser goes on to the page it was heading for. (Spending on a POST, not
 * on the GET of the link, keeps mail scanners that open links from using them up.) Only that page
 * may post here: another site must not sign a visitor in as someone else (login CSRF).
 */
export async function POST(request: Request) {
  const base = await publicUrl();
  // The form holds a token and a path: anything bigger is not from the Continue button.
  if (!fromThisSite(request) || Number(request.headers.get("content-length") ?? 0) > 4096)
    return NextResponse.redirect(`${base}/portal/sign-in?error=invalid_link`, 303);
  const form = await request.formData().catch(() => null);
  const token = form?.get("token");
  const next = safePortalPath(typeof form?.get("next") === "string" ? (form!.get("next") as string) : null);
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{20,100}$/.test(token))
    return NextResponse.redirect(`${base}/portal/sign-in?error=invalid_link`, 303);
  try {
    const { sessionToken, expiresAt } = await redeemPortalLink({ token });
    const response = NextResponse.redirect(`${base}${next}`, 303);
    response.cookies.set(PORTAL_COOKIE, sessionToken, portalCookieOptions(expiresAt));
    return response;
  } catch (error) {
    if (error instanceof DomainError) return NextResponse.redirect(`${base}/portal/sign-in?error=${error.code}`, 303);
    throw error;
  }
}
