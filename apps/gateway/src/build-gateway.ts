import { errorResponse } from "@helpline/core";
import { AGENT_API_PREFIX, errorBody, MAX_AGENT_BODY_BYTES } from "@helpline/protocol";
import Fastify, { type FastifyInstance, type FastifyServerFactory } from "fastify";
import { bodyTooLargeMessage } from "./body-too-large.ts";
import {
  answerBeforeRouting,
  answerClientError,
  answerFrameworkError,
  GATEWAY_HTTP_OPTIONS,
  requireHost,
} from "./client-error.ts";
import { apiPlugin } from "./api/api-plugin.ts";
import { FleetState } from "./fleet/fleet-state.ts";
import { localizeAgentError } from "./localize-agent-error.ts";
import { checkinRoute } from "./routes/checkin.ts";
import { enrollRoute } from "./routes/enroll.ts";
import { healthRoutes } from "./routes/health.ts";
import { identityRoutes } from "./routes/identity.ts";
import { languageRoute } from "./routes/language.ts";
import { portalLinkRoute } from "./routes/portal-link.ts";
import { ticketRoutes } from "./routes/tickets.ts";

const GATEWAY_PATH_PREFIXES = ["/api/agent/", "/api/health", "/api/v1/"] as const;

/** True for the paths the gateway answers (agent protocol, health, REST API); everything else belongs to the console. */
export function isGatewayPath(url: string): boolean {
  return GATEWAY_PATH_PREFIXES.some((prefix) => url.startsWith(prefix));
}

/**
 * The lean HTTP server for agents (and health checks). `serverFactory` lets one process put the
 * console beside it on the same port.
 */
export async function buildGateway(
  options: {
    serverFactory?: FastifyServerFactory;
    logger?: boolean;
    onMailQueued?: () => void;
    /** The REST API's requests per minute per key; default HELPLINE_API_RATE_LIMIT (tests set a small one). */
    apiRateLimitPerMinute?: number;
  } = {},
): Promise<FastifyInstance> {
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
  app.setErrorHandler((error: Error, request, reply) => {
    const answer = errorResponse(error, { payloadTooLargeMessage: bodyTooLargeMessage(request) });
    if (answer.unexpected) {
      request.log.error(error);
      console.error(`[gateway] ${request.method} ${request.url.split("?")[0]}: ${error.stack ?? error.message}`);
    }
    if (answer.retryAfterSeconds !== undefined) void reply.header("retry-after", String(answer.retryAfterSeconds));
    const body = request.url.startsWith(AGENT_API_PREFIX)
      ? localizeAgentError({ error, body: answer.body, acceptLanguage: request.headers["accept-language"] })
      : answer.body;
    return reply.code(answer.status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody("not_found", `No route for ${request.method} ${request.url.split("?")[0]}.`)),
  );

  const fleet = new FleetState();
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
      await agentApi.register(languageRoute, { fleet });
    },
    { prefix: AGENT_API_PREFIX },
  );
  await app.register(apiPlugin, {
    prefix: "/api/v1",
    onMailQueued: options.onMailQueued ?? (() => {}),
    rateLimitPerMinute: options.apiRateLimitPerMinute,
  });
  return app;
}
