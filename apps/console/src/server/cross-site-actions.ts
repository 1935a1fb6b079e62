import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody } from "@helpline/protocol";
import { publicHostOf } from "./public-host.ts";

type Guard = (request: IncomingMessage, response: ServerResponse) => boolean;

function firstValue(header: string | string[] | undefined): string | undefined {
  return (Array.isArray(header) ? header[0] : header?.split(",")[0])?.trim() || undefined;
}

/**
 * Server actions are CSRF-safe because Next.js refuses one whose `Origin` is not this site, but
 * it refuses with a 500 ("Invalid Server Actions request"). This answers such a request first,
 * with `403 forbidden` in the JSON error shape, by Next's own rule (next/dist/server/app-render/
 * action-handler.js): a POST with a `Next-Action` header or a multipart body is cross-site when
 * it has an `Origin` whose host is neither the request's host (`X-Forwarded-Host`, else `Host`)
 * nor in `serverActions.allowedOrigins`, which next.config.ts fills with the host of
 * HELPLINE_PUBLIC_URL. A request without `Origin` (not from a browser) goes on, as in Next.
 *
 * Returns a function for each request: true when it answered (the caller stops), false otherwise.
 */
export function crossSiteActionGuard(publicUrl: string | undefined): Guard {
  const [publicHost] = publicHostOf(publicUrl);
  return (request, response) => {
    if (request.method !== "POST") return false;
    const isAction =
      request.headers["next-action"] !== undefined ||
      (request.headers["content-type"] ?? "").startsWith("multipart/form-data");
    const origin = request.headers.origin;
    if (!isAction || origin === undefined) return false;
    const originHost = origin === "null" ? "null" : URL.canParse(origin) ? new URL(origin).host : undefined;
    if (
      originHost !== undefined &&
      (originHost === (firstValue(request.headers["x-forwarded-host"]) ?? request.headers.host) ||
        originHost === publicHost)
    )
      return false;
    const body = JSON.stringify(errorBody("forbidden", "This request did not come from a page of this site."));
    // The body of a refused request is not read: close the connection rather than drain it.
    response.writeHead(403, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
      connection: "close",
    });
    response.end(body);
    return true;
  };
}
