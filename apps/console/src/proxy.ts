import { NextResponse, type NextRequest } from "next/server";
import { PORTAL_AREA_HEADER } from "@/modules/portal/portal-area";

/**
 * Marks the Customer Portal's requests for the server code after it: the portal speaks its
 * contact's language, the technician console stays English, and a layout cannot see the path it
 * renders (src/i18n/request.ts reads the mark). A mark a browser sends elsewhere could at most
 * change the console's `<html lang>` to its own Accept-Language: the console has no translations
 * and the portal's cookie is never sent outside /portal.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(PORTAL_AREA_HEADER, "1");
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/portal", "/portal/:path*"] };
