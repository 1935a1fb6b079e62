import "server-only";
import { config, getPortalSession, type PortalContact } from "@helpline/core";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";

export const PORTAL_COOKIE = "helpline_portal";

/** The Customer Portal contact of this request, or null; one database read per request. */
export const currentContact = cache(async (): Promise<PortalContact | null> => {
  const sessionToken = (await cookies()).get(PORTAL_COOKIE)?.value;
  return getPortalSession({ sessionToken });
});

/** For portal pages: signed-out visitors go to the sign-in page, and come back here afterwards. */
export async function requirePortalContact(returnTo: string): Promise<PortalContact> {
  const contact = await currentContact();
  if (!contact) redirect(`/portal/sign-in?next=${encodeURIComponent(returnTo)}`);
  return contact;
}

/** The portal's cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS, scoped to /portal. */
export function portalCookieOptions(expiresAt: Date) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: config().secureCookies,
    path: "/portal",
    expires: expiresAt,
  };
}
