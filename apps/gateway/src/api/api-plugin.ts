import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import {
  API_SCOPES,
  claimIdempotencyKey,
  completeIdempotencyKey,
  config as helplineConfig,
  deleteExpiredIdempotencyRecords,
  DomainError,
  releaseIdempotencyKey,
  resolveClientAddress,
  type ApiScope,
  type AuthenticatedApiKey,
  type TechnicianActor,
} from "@helpline/core";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type FastifyPluginAsyncZod,
} from "fastify-type-provider-zod";
import secureJson from "secure-json-parse";
import { z, ZodError } from "zod";
import { ApiKeyCache } from "./api-key-cache.ts";
import { apiErrors } from "./api-schemas.ts";
import { auditEventRoutes } from "./routes/audit-events.ts";
import { contactRoutes } from "./routes/contacts.ts";
import { customerRoutes } from "./routes/customers.ts";
import { deviceRoutes } from "./routes/devices.ts";
import { helpdeskRoutes } from "./routes/helpdesk.ts";
import { ticketRoutes } from "./routes/tickets.ts";
import { webhookRoutes } from "./routes/webhooks.ts";

/** What every API handler gets: the technician the key acts as (with the key, for the audit log), and the client's address. */
export type ApiContext = {
  actor: TechnicianActor;
  apiKey: Pick<AuthenticatedApiKey, "id" | "name" | "scopes">;
  clientAddress: string;
};

declare module "fastify" {
  interface FastifyRequest {
    api: ApiContext;
    idempotency: { key: string; requestHash: string } | null;
  }
  interface FastifyContextConfig {
    /** The scope a key needs for this route (every API route names one, or is `public`). */
    scope?: ApiScope;
    /** Served without a key (the OpenAPI document). */
    public?: boolean;
    /** Top-level fields of the answer not kept for Idempotency-Key replays (secrets shown once). */
    keptForReplayWithout?: string[];
  }
}

/** The resource modules of /api/v1, each a FastifyPluginAsyncZod (apps/gateway/src/api/routes). */
const apiRoutes = (options: ApiOptions): FastifyPluginAsyncZod[] => [
  ticketRoutes(options),
  customerRoutes,
  contactRoutes,
  deviceRoutes,
  helpdeskRoutes,
  auditEventRoutes,
  webhookRoutes,
];

export type ApiOptions = {
  /** Called when a write queued mail (a reply, a receipt), so the outbox sends it at once. */
  onMailQueued: () => void;
  /** Requests per minute per key; default HELPLINE_API_RATE_LIMIT. */
  rateLimitPerMinute?: number;
};

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// Bulk writes carry ids: 10,000 device ids for a helpdesk activation are about 390 KiB.
const API_BODY_LIMIT_BYTES = 1024 * 1024;
// Requests with a missing or refused key one address may make a minute, whatever the per-key limit.
const REFUSED_KEYS_PER_MINUTE = 60;
const IDEMPOTENCY_CLEANUP_MS = 60 * 60 * 1000;

const API_DESCRIPTION = `Helpline's REST API for technicians' integrations (PSA, billing, chat, scripts).

Authenticate with an API key from Settings ▸ API keys: \`Authorization: Bearer hl_…\`. A key acts as
one technician and can do nothing that technician could not do in the console; each route needs
one scope. Lists are cursor-paged (\`limit\`, \`cursor\` → \`nextCursor\`). Times are ISO 8601 in UTC.
Errors share one body: \`{"error": {"code", "message", "fields"?}}\`. Writes accept an
\`Idempotency-Key\` header: a retry with the same key gets the first answer back (header
\`idempotent-replayed: true\`); the same key with a different request is refused with 422.
Each key may make HELPLINE_API_RATE_LIMIT requests a minute (default 600) per server process;
over it the answer is 429 with \`retry-after\`.`;

// An input a handler parsed with a core schema (the tickets list's filters): 400 naming each field.
function zodRefusal(error: ZodError): DomainError {
  const fields = Object.fromEntries(
    error.issues.map((issue) => [issue.path.map(String).join(".") || "body", issue.message]),
  );
  const [field, message] = Object.entries(fields)[0] ?? ["body", "Not valid."];
  return new DomainError("invalid_request", `\`${field}\`: ${message}`, 400, { fields });
}

// A request refused by a route's zod schema: 400 naming each field, in the JSON error shape.
function validationError(error: FastifyError & { validationContext?: string }): DomainError {
  const issues = (error.validation ?? []) as { instancePath: string; message?: string }[];
  const fields = Object.fromEntries(
    issues.map((issue) => [
      issue.instancePath.replace(/^\//, "").replaceAll("/", ".") || error.validationContext || "body",
      issue.message ?? "Not valid.",
    ]),
  );
  const [field, message] = Object.entries(fields)[0] ?? ["body", "Not valid."];
  return new DomainError("invalid_request", `\`${field}\`: ${message}`, 400, { fields });
}

/**
 * The REST API under /api/v1 (register with that prefix): zod schemas validate requests and
 * serialize responses, and the same schemas make the OpenAPI 3.1 document served at
 * `GET /api/v1/openapi.json` (@fastify/swagger with fastify-type-provider-zod). For every route:
 * the API key (401), the route's scope (403 `missing_scope`), the per-key rate limit
 * (HELPLINE_API_RATE_LIMIT a minute, 429 with `retry-after`), the `Idempotency-Key` of writes,
 * and errors in the JSON error shape (a zod refusal is 400 naming the field).
 */
export async function apiPlugin(api: FastifyInstance, options: ApiOptions): Promise<void> {
  const settings = helplineConfig();
  api.setValidatorCompiler(validatorCompiler);
  api.setSerializerCompiler(serializerCompiler);
  api.decorateRequest("api", null as unknown as ApiContext);
  api.decorateRequest("idempotency", null);

  const keys = new ApiKeyCache();
  let cleanup: NodeJS.Timeout | undefined;
  api.addHook("onReady", async () => {
    await keys.start();
    cleanup = setInterval(() => void deleteExpiredIdempotencyRecords().catch(() => {}), IDEMPOTENCY_CLEANUP_MS).unref();
  });
  api.addHook("onClose", async () => {
    clearInterval(cleanup);
    await keys.stop();
  });

  // Each route says the scope it needs; the document says it too, with the answers every route can give.
  // JSON only, and an empty body is no body (clients that always send content-type:
  // application/json, on a write that takes none); the prototype-poisoning guard of Fastify's own parser.
  api.removeAllContentTypeParsers();
  api.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    if (body === "") return done(null, undefined);
    try {
      done(null, secureJson.parse(body as string, undefined, { protoAction: "error", constructorAction: "error" }));
    } catch {
      done(new DomainError("invalid_request", "The body is not valid JSON.", 400), undefined);
    }
  });

  api.addHook("onRoute", (route) => {
    route.bodyLimit ??= API_BODY_LIMIT_BYTES;
    const scope = route.config?.scope;
    if (!scope && !route.config?.public) throw new Error(`API route ${route.method} ${route.url} names no scope.`);
    if (!route.schema || route.schema.hide) return;
    if (!scope) {
      route.schema.security = [];
      return;
    }
    route.schema.description = [route.schema.description, `Scope: \`${scope}\` (${API_SCOPES[scope]}).`]
      .filter(Boolean)
      .join("\n\n");
    route.schema.response = { ...apiErrors(401, 403, 429), ...(route.schema.response as object) };
    const methods = [route.method].flat();
    if (!methods.some((method) => WRITE_METHODS.has(method))) return;
    // A write may also meet its Idempotency-Key: still running (409) or used for another request (422).
    route.schema.response = { ...apiErrors(400, 409, 422), ...(route.schema.response as object) };
    route.schema.headers = z.looseObject({
      "idempotency-key": z
        .string()
        .optional()
        .describe("Makes the write safe to retry: the same key gets the first answer back for 24 hours."),
    });
  });

  await api.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Helpline REST API", version: "1.0.0", description: API_DESCRIPTION },
      components: {
        securitySchemes: {
          apiKey: { type: "http", scheme: "bearer", description: "An API key from Settings ▸ API keys (`hl_…`)." },
        },
      },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  await api.register(fastifyRateLimit, {
    max: options.rateLimitPerMinute ?? settings.apiRateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => (request.api ? `key:${request.api.apiKey.id}` : `ip:${request.ip}`),
    errorResponseBuilder: (request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      const who = request.api ? "This API key" : "This address";
      return new DomainError(
        "rate_limited",
        `${who} made more than ${context.max} requests in a minute: try again in ${seconds} s.`,
        429,
        { retryAfterSeconds: seconds },
      );
    },
  });
  // Requests whose key is refused count per address, so guessing keys (or a broken integration
  // retrying a revoked one) is throttled before its lookups reach the database; a key already
  // accepted (cached) from the same address is not held back by them.
  const refusedKeys = api.createRateLimit({
    max: REFUSED_KEYS_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (request) => `refused:${resolveClientAddress(request.raw, settings.trustProxyHops)}`,
  });

  // Who calls: before the body is read. The per-key limit (a route hook) runs right after.
  api.addHook("onRequest", async (request) => {
    if (!request.routeOptions.config.scope) return;
    const clientAddress = resolveClientAddress(request.raw, settings.trustProxyHops);
    let key: AuthenticatedApiKey;
    try {
      key = await keys.authenticate(request.headers.authorization, clientAddress, async () => {
        const refused = await refusedKeys(request, { increment: false });
        if (refused.isAllowed || refused.remaining > 0) return;
        const seconds = Math.max(1, Math.ceil(refused.ttlInSeconds));
        throw new DomainError(
          "rate_limited",
          `Too many requests with a refused API key from this address: try again in ${seconds} s.`,
          429,
          { retryAfterSeconds: seconds },
        );
      });
    } catch (error) {
      if (error instanceof DomainError && error.status === 401) await refusedKeys(request);
      throw error;
    }
    request.api = {
      actor: { id: key.technician.id, role: key.technician.role, apiKey: { id: key.id, name: key.name } },
      apiKey: { id: key.id, name: key.name, scopes: key.scopes },
      clientAddress,
    };
  });

  // May it: after the rate limit, so a key over its limit hears 429 whatever it asks for.
  api.addHook("preParsing", async (request) => {
    const scope = request.routeOptions.config.scope;
    if (!scope || request.api.apiKey.scopes.includes(scope)) return;
    throw new DomainError(
      "missing_scope",
      `This API key lacks the scope \`${scope}\` this request needs. An admin can create a key with it in Settings ▸ API keys.`,
      403,
      { fields: { scope } },
    );
  });

  api.addHook("preHandler", async (request, reply) => {
    const key = request.headers["idempotency-key"];
    if (!request.api || !WRITE_METHODS.has(request.method) || key === undefined) return;
    const value = [key].flat().join(",");
    const claim = await claimIdempotencyKey({
      apiKeyId: request.api.apiKey.id,
      key: value,
      request: { method: request.method, path: request.url.split("?")[0]!, body: request.body },
    });
    if (claim.state === "claimed") {
      request.idempotency = { key: value, requestHash: claim.requestHash };
      return;
    }
    // The first answer as it was sent: a string is not serialized again.
    void reply.code(claim.status).header("idempotent-replayed", "true");
    if (claim.body === null) return reply.send();
    return reply.header("content-type", "application/json; charset=utf-8").send(JSON.stringify(claim.body));
  });

  // The answer is recorded before the client reads it, so a retry right after it gets the same one.
  api.addHook("onSend", async (request: FastifyRequest, reply: FastifyReply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    const record = { apiKeyId: request.api.apiKey.id, key: claim.key, requestHash: claim.requestHash };
    if (reply.statusCode >= 500 || reply.statusCode === 429) await releaseIdempotencyKey(record);
    else {
      const body = typeof payload === "string" && payload !== "" ? JSON.parse(payload) : null;
      for (const field of request.routeOptions.config.keptForReplayWithout ?? []) if (body) delete body[field];
      await completeIdempotencyKey({ ...record, status: reply.statusCode, body });
    }
    return payload;
  });

  // Refusals of the zod schemas become the JSON error shape; everything else goes to the gateway's handler.
  api.setErrorHandler((error: FastifyError) => {
    if (hasZodFastifySchemaValidationErrors(error)) throw validationError(error);
    if (error instanceof ZodError) throw zodRefusal(error);
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
      throw new DomainError(
        "payload_too_large",
        `The request body may be at most ${API_BODY_LIMIT_BYTES / 1024} KiB: send fewer items at once.`,
        413,
      );
    throw error;
  });

  api.get("/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => api.swagger());
  for (const routes of apiRoutes(options)) await api.register(routes);
}
