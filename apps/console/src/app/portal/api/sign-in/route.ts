import { requestClientAddress, requestPortalSignIn, ZPortalSignInInput } from "@helpline/core";
import { NextResponse } from "next/server";
import { mailLinkUrl } from "@/lib/public-url";
import { SIGN_IN_SENT } from "@/modules/portal/portal-texts";
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
  if (!fromThisSite(request))
    return portalError(403, "forbidden", "This request did not come from the Customer Portal.");
  try {
    const parsed = ZPortalSignInInput.safeParse(await readJson(request, PORTAL_BODY_LIMITS.default));
    if (!parsed.success)
      return portalError(400, "invalid_request", parsed.error.issues[0]?.message ?? "Enter a valid email address.");
    await requestPortalSignIn({
      input: parsed.data,
      ip: requestClientAddress(request.headers),
      publicUrl: await mailLinkUrl(),
    });
    return NextResponse.json({ message: SIGN_IN_SENT }, { status: 202 });
  } catch (error) {
    return portalErrorResponse(error, request);
  }
}
