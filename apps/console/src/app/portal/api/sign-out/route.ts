import { endPortalSession } from "@helpline/core";
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { publicUrl } from "@/lib/public-url";
import { PORTAL_COOKIE } from "@/modules/portal/session";
import { fromThisSite } from "@/modules/portal/with-contact";

/** Sign out: the session ends on the server, and the cookie goes (asked by the portal's own page only). */
export async function POST(request: Request) {
  if (!fromThisSite(request)) return NextResponse.redirect(`${await publicUrl()}/portal`, 303);
  const jar = await cookies();
  await endPortalSession({ sessionToken: jar.get(PORTAL_COOKIE)?.value });
  const response = NextResponse.redirect(`${await publicUrl()}/portal/sign-in?signed_out=1`, 303);
  response.cookies.set(PORTAL_COOKIE, "", { path: "/portal", maxAge: 0 });
  return response;
}
