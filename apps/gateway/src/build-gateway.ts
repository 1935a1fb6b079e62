import { DomainError } from "@helpline/core";
import { isDatabaseUnavailable } from "@helpline/db";
import { AGENT_API_PREFIX, errorBody, MAX_AGENT_BODY_BYTES } from "@helpline/protocol";
import Fastify, { type FastifyInstance, type FastifyServerFactory } from "fastify";
import { bodyTooLargeMessage } from "./body-too-large.ts";
import { answerBeforeRouting, answerClientError, answerFrameworkError, GATEWAY_HTTP_OPTIONS, requireHost } from "./client-error.ts";
import { FleetState } from "./fleet/fleet-state.ts";
import { checkinRoute } from "./routes/checkin.ts";
import { enrollRoute } from "./routes/enroll.ts";
import { healthRoutes } from "./routes/health.ts";
import { identityRoutes } from "./routes/identity.ts";
import { portalLinkRoute } from "./routes/portal-link.ts";
import { ticketRoutes } from "./routes/tickets.ts";

const GATEWAY_PATH_PREFIXES = ["/api/agent/", "/api/health"] as const;

/** True for the paths the gateway answers; everything else belongs to the console. */
export function isGatewayPath(url: string): boolean {
  return GATEWAY_PATH_PREFIXES.some((prefix) => url.startsWith(prefix));
}

// Fastify's own refusals, in the protocol's words.
const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 400, code: "invalid_request", message: "Send the body as JSON (content-type: application/json)." },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: "invalid_request", message: "The body is not valid JSON." },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: "invalid_request", message: "The body is empty; send a JSON object." },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: "invalid_request", message: "The content-length does not match the body." },
};

type GatewayError = Error & { statusCode?: number; code?: string };

/**
 * The lean HTTP server for agents (and health checks). `serverFactory` lets one process put the
 * console beside it on the same port.
 */
export async function buildGateway(options: { serverFactory?: FastifyServerFactory; logger?: boolean; onMailQueued?: () => void } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_AGENT_BODY_BYTES,
    // What Node's parser or Fastify's router refuse also answers in the protocol's error shape.
    http: GATEWAY_HTTP_OPTIONS,
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
  });
  answerBeforeRouting(app.server);
  app.addHook("onRequest", requireHost);

  // Every failure leaves as the JSON error shape; a stack trace never reaches a client.
  app.setErrorHandler((error: GatewayError, request, reply) => {
    if (error instanceof DomainError) {
      const retryAfter = (error as DomainError & { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retryAfter !== undefined) void reply.header("retry-after", String(retryAfter));
      return reply.code(error.status).send(errorBody(error.code, error.message));
    }
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") return reply.code(413).send(errorBody("payload_too_large", bodyTooLargeMessage(request)));
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return reply.code(known.status).send(errorBody(known.code, known.message));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(errorBody("invalid_request", error.message));
    }
    if (isDatabaseUnavailable(error)) {
      // A database restart or failover: not a bug, and agents retry by themselves. Say when.
      void reply.header("retry-after", "2");
      return reply.code(503).send(errorBody("service_unavailable", "The server cannot reach its database right now. Try again in a few seconds."));
    }
    request.log.error(error);
    console.error(`[gateway] ${request.method} ${request.url.split("?")[0]}: ${error.stack ?? error.message}`);
    return reply.code(500).send(errorBody("internal_error", "Something went wrong on the server."));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody("not_found", `No route for ${request.method} ${request.url.split("?")[0]}.`)),
  );

  const fleet = new FleetState();
  app.decorateRequest("device", null);
  app.decorateRequest("tokenHash", null);
  app.addHook("onReady", () => fleet.start());
  // Shutting down: held check-ins answer at once; half a second later whatever sockets agents
  // still keep open are closed, or a kept-alive connection would hold the shutdown up for minutes.
  let reaper: NodeJS.Timeout | undefined;
  app.addHook("preClose", (done) => {
    fleet.releaseHeld();
    reaper = setTimeout(() => app.server.closeAllConnections(), 500).unref();
    done();
  });
  app.addHook("onClose", async () => {
    clearTimeout(reaper);
    await fleet.stop();
  });

  await app.register(healthRoutes);
  await app.register(
    async (agentApi) => {
      await agentApi.register(enrollRoute, { fleet });
      await agentApi.register(checkinRoute, { fleet });
      const onMailQueued = options.onMailQueued ?? (() => {});
      await agentApi.register(identityRoutes, { fleet, onMailQueued });
      await agentApi.register(ticketRoutes, { fleet, onMailQueued });
      await agentApi.register(portalLinkRoute, { fleet });
    },
    { prefix: AGENT_API_PREFIX },
  );
  return app;
}
