import "server-only";
import { DomainError, errorResponse, type PortalContact } from "@helpline/core";
import { getTranslator } from "@helpline/i18n";
import { ATTACHMENTS_ADVICE, errorBody, formatBytes } from "@helpline/protocol";
import { unstable_rethrow } from "next/navigation";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { localizePortalError } from "./localize-portal-error.ts";
import { requestLocale } from "./portal-locale.ts";
import { currentContact } from "./session.ts";

type PortalErrorKey = "unauthorized" | "forbidden" | "ticketNotFound" | "fileNotFound" | "email";

/** An endpoint's own refusal in the JSON error shape, its sentence (`portal.errors`) in the request's language. */
export async function portalError(status: number, code: string, key: PortalErrorKey): Promise<Response> {
  const t = getTranslator(await requestLocale(), "portal");
  return NextResponse.json(errorBody(code, t(`errors.${key}`)), { status });
}

/**
 * Any error thrown while serving a portal endpoint, answered as the gateway answers it
 * (errorResponse): the JSON error shape with its status, and `retry-after` when there is a time to
 * come back, the message in the request's language (localizePortalError). A bug is logged here,
 * since it never reaches Next's own error handling. Next's control flow (redirect, notFound) is
 * thrown on.
 */
export async function portalErrorResponse(error: unknown, request: Request): Promise<Response> {
  unstable_rethrow(error);
  const answer = errorResponse(error);
  if (answer.unexpected)
    console.error(
      `[portal] ${request.method} ${new URL(request.url).pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  const headers =
    answer.retryAfterSeconds === undefined ? undefined : { "retry-after": String(answer.retryAfterSeconds) };
  const body = localizePortalError({ error, body: answer.body, locale: await requestLocale() });
  return NextResponse.json(body, { status: answer.status, headers });
}

// A write must come from a page of this site: browsers send Origin on POST, and a form on another
// site (or a script there) cannot forge it. With SameSite=Lax cookies this closes CSRF.
export function fromThisSite(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host === (request.headers.get("x-forwarded-host") ?? request.headers.get("host"));
  } catch {
    return false;
  }
}

// A new ticket carries up to 10 MiB of files as base64; everything else is a few lines of text.
export const PORTAL_BODY_LIMITS = { ticket: 14 * 1024 * 1024, default: 64 * 1024 } as const;

/** Reads a JSON body, refusing more than `maxBytes` as it arrives (413) rather than after. */
export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  if (!(request.headers.get("content-type") ?? "").startsWith("application/json"))
    throw new DomainError("invalid_request", "Send the body as JSON.");
  const tooLarge = new DomainError(
    "payload_too_large",
    `The request may be at most ${formatBytes(maxBytes)}, files included. ${ATTACHMENTS_ADVICE}`,
    413,
  );
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (let read = await reader?.read(); reader && read && !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge;
    }
    chunks.push(read.value);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new DomainError("invalid_request", "The body is not valid JSON.");
  }
}

type Handler<TInput> = (context: { contact: PortalContact; input: TInput; request: Request }) => Promise<Response>;

/**
 * The one wrapper of the portal's JSON endpoints: the signed-in contact (401 otherwise), a same-site
 * check on writes, the input parsed by zod (400 naming the field), and every error in the JSON
 * error shape (portalErrorResponse). Whatever a contact may not see answers 404, exactly as a
 * missing one does.
 */
export function withContact<TSchema extends z.ZodType>(
  schema: TSchema,
  handler: Handler<z.infer<TSchema>>,
  options: { source: "body" | "query"; maxBytes?: number } = { source: "body" },
) {
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const contact = await currentContact();
      if (!contact) return portalError(401, "unauthorized", "unauthorized");
      if (request.method !== "GET" && !fromThisSite(request)) return portalError(403, "forbidden", "forbidden");
      const params = await context.params;
      const raw =
        options.source === "query"
          ? Object.fromEntries(new URL(request.url).searchParams)
          : await readJson(request, options.maxBytes ?? PORTAL_BODY_LIMITS.default);
      const input = schema.parse({ ...(raw && typeof raw === "object" ? raw : {}), ...params });
      return await handler({ contact, input, request });
    } catch (error) {
      return portalErrorResponse(error, request);
    }
  };
}
