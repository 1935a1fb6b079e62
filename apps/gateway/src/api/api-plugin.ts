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
import { z } from "zod";
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
  api.addHook("onRoute", (route) => {
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

  // Who calls, and may they: before the body is even read.
  api.addHook("onRequest", async (request) => {
    const scope = request.routeOptions.config.scope;
    if (!scope) return;
    const clientAddress = resolveClientAddress(request.raw, settings.trustProxyHops);
    const key = await keys.authenticate(request.headers.authorization, clientAddress);
    request.api = {
      actor: { id: key.technician.id, role: key.technician.role, apiKey: { id: key.id, name: key.name } },
      apiKey: { id: key.id, name: key.name, scopes: key.scopes },
      clientAddress,
    };
    if (!key.scopes.includes(scope))
      throw new DomainError(
        "missing_scope",
        `This API key lacks the scope \`${scope}\` this request needs. An admin can create a key with it in Settings ▸ API keys.`,
        403,
        { fields: { scope } },
      );
  });

  await api.register(fastifyRateLimit, {
    max: options.rateLimitPerMinute ?? settings.apiRateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => (request.api ? `key:${request.api.apiKey.id}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new DomainError(
        "rate_limited",
        `This API key made more than ${context.max} requests in a minute: try again in ${Math.ceil(context.ttl / 1000)} s.`,
        429,
        { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) },
      ),
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
    else
      await completeIdempotencyKey({
        ...record,
        status: reply.statusCode,
        body: typeof payload === "string" && payload !== "" ? JSON.parse(payload) : null,
      });
    return payload;
  });

  // Refusals of the zod schemas become the JSON error shape; everything else goes to the gateway's handler.
  api.setErrorHandler((error: FastifyError) => {
    throw hasZodFastifySchemaValidationErrors(error) ? validationError(error) : error;
  });

  api.get("/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => api.swagger());
  for (const routes of apiRoutes(options)) await api.register(routes);
}
