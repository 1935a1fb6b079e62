import { requestClientAddress, requestPortalSignIn, ZPortalSignInInput } from "@helpline/core";
import { getTranslator } from "@helpline/i18n";
import { NextResponse } from "next/server";
import { mailLinkUrl } from "@/lib/public-url";
import { requestLocale } from "@/modules/portal/portal-locale";
import {
  fromThisSite,
  PORTAL_BODY_LIMITS,
  portalError,
  portalErrorResponse,
  readJson,
} from "@/modules/portal/with-contact";

/**
 * "Email me a sign-in link": the same answer for every address (no probing for contacts). Only
 * the portal's own page may ask, so another site cannot spend a contact's sign-in allowance.
 */
export async function POST(request: Request) {
  if (!fromThisSite(request)) return portalError(403, "forbidden", "forbidden");
  try {
    const parsed = ZPortalSignInInput.safeParse(await readJson(request, PORTAL_BODY_LIMITS.default));
    // The address is the one field a person types here: whatever is wrong, it is the address.
    if (!parsed.success) return portalError(400, "invalid_request", "email");
    await requestPortalSignIn({
      input: parsed.data,
      ip: requestClientAddress(request.headers),
      publicUrl: await mailLinkUrl(),
    });
    // The same sentence whatever the address, in the browser's language: nobody can probe for contacts.
    const t = getTranslator(await requestLocale(), "portal");
    return NextResponse.json({ message: t("signIn.sent") }, { status: 202 });
  } catch (error) {
    return portalErrorResponse(error, request);
  }
}
