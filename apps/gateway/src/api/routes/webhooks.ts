import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  resendWebhookDelivery,
  sendTestWebhookEvent,
  updateWebhookEndpoint,
  WEBHOOK_TEST_EVENT,
  ZCreateWebhookEndpointInput,
  ZUpdateWebhookEndpointInput,
  ZWebhookEventType,
  type WebhookDeliveryRow,
  type WebhookEndpoint,
} from "@helpline/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { apiErrors, page, ZApiTime, ZIdParams, ZPageQuery } from "../api-schemas.ts";

const ZDeliveryStatus = z
  .enum(["pending", "delivered", "failed"])
  .describe(
    "`pending`: waiting for its next try (or being sent). `delivered`: a 2xx came back. `failed`: no tries left.",
  );

const ZApiWebhookEndpoint = z
  .object({
    id: z.uuid(),
    url: z.string().describe("Where events are POSTed, as stored (normalised)."),
    description: z.string(),
    events: z.array(ZWebhookEventType).describe("The event types it receives."),
    enabled: z.boolean(),
    state: z
      .enum(["active", "failing", "disabled"])
      .describe(
        "`failing`: deliveries have failed since `failingSince`, none succeeded since. `disabled`: switched off.",
      ),
    failingSince: ZApiTime.nullable(),
    disabledAt: ZApiTime.nullable(),
    disabledReason: z
      .string()
      .nullable()
      .describe("Why Helpline disabled it (three days of failures); null when switched off by a person."),
    owner: z
      .object({ id: z.uuid(), name: z.string() })
      .nullable()
      .describe("Who created it; mailed if it gets disabled."),
    createdAt: ZApiTime,
    updatedAt: ZApiTime,
    lastDelivery: z
      .object({
        id: z.uuid(),
        status: ZDeliveryStatus,
        httpStatus: z.number().int().nullable().describe("The last try's HTTP status; null: none yet, or no answer."),
        createdAt: ZApiTime,
        lastAttemptAt: ZApiTime.nullable(),
      })
      .nullable()
      .describe("Its newest delivery; null when none was made."),
  })
  .meta({ id: "WebhookEndpoint" });

const ZApiCreatedWebhookEndpoint = ZApiWebhookEndpoint.extend({
  secret: z
    .string()
    .describe(
      "The signing secret (`whsec_…`): verify `Helpline-Signature` with it. Returned here only; an admin can reveal it in the console.",
    ),
}).meta({ id: "CreatedWebhookEndpoint" });

const ZApiWebhookDelivery = z
  .object({
    id: z.uuid(),
    event: z.object({
      id: z.uuid().describe("The `Helpline-Event-Id` the receiver saw: the same on every try and on a resend."),
      type: z.union([ZWebhookEventType, z.literal(WEBHOOK_TEST_EVENT)]),
      createdAt: ZApiTime,
    }),
    status: ZDeliveryStatus,
    tries: z.number().int().describe("Tries made so far."),
    nextAttemptAt: ZApiTime.nullable().describe("When it is tried next, while pending."),
    lastStatus: z.number().int().nullable().describe("The last try's HTTP status; null when none came back."),
    lastDurationMs: z.number().int().nullable(),
    lastResponse: z.string().nullable().describe("The start of the last answer's body."),
    lastError: z.string().nullable().describe("Why the last try got no usable answer (timeout, refused address…)."),
    lastAttemptAt: ZApiTime.nullable(),
    deliveredAt: ZApiTime.nullable(),
    createdAt: ZApiTime,
    attempts: z
      .array(
        z.object({
          at: ZApiTime,
          trigger: z.string().describe("`first`, `retry` or `resend`."),
          status: z.number().int().nullable(),
          durationMs: z.number().int(),
          response: z.string().nullable(),
          error: z.string().nullable(),
        }),
      )
      .describe("Every try, oldest first."),
  })
  .meta({ id: "WebhookDelivery" });

const ZDeliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() });

const ZUpdateBody = ZUpdateWebhookEndpointInput.omit({ endpointId: true }).refine(
  (body) => Object.values(body).some((value) => value !== undefined),
  "Send at least one field to change.",
);

const endpointView = ({ lastDelivery, ...endpoint }: WebhookEndpoint) => ({
  id: endpoint.id,
  url: endpoint.url,
  description: endpoint.description,
  events: endpoint.events,
  enabled: endpoint.enabled,
  state: endpoint.state,
  failingSince: endpoint.failingSince,
  disabledAt: endpoint.disabledAt,
  disabledReason: endpoint.disabledReason,
  owner: endpoint.owner,
  createdAt: endpoint.createdAt,
  updatedAt: endpoint.updatedAt,
  lastDelivery: lastDelivery && {
    id: lastDelivery.id,
    status: lastDelivery.status,
    httpStatus: lastDelivery.lastStatus,
    createdAt: lastDelivery.createdAt,
    lastAttemptAt: lastDelivery.lastAttemptAt,
  },
});

const deliveryView = (delivery: WebhookDeliveryRow) => ({
  id: delivery.id,
  event: {
    id: delivery.event.id,
    // Written only by the services (an event type or `webhook.test`); the schema states the list.
    type: delivery.event.type as z.infer<typeof ZApiWebhookDelivery>["event"]["type"],
    createdAt: delivery.event.createdAt,
  },
  status: delivery.status,
  tries: delivery.attempts,
  nextAttemptAt: delivery.status === "pending" ? delivery.nextAttemptAt : null,
  lastStatus: delivery.lastStatus,
  lastDurationMs: delivery.lastDurationMs,
  lastResponse: delivery.lastResponse,
  lastError: delivery.lastError,
  lastAttemptAt: delivery.lastAttemptAt,
  deliveredAt: delivery.deliveredAt,
  createdAt: delivery.createdAt,
  attempts: delivery.attemptLog.map(({ at, trigger, status, durationMs, response, error }) => ({
    at,
    trigger,
    status,
    durationMs,
    response,
    error,
  })),
});

const TAGS = ["Webhooks"];
const SCOPE = { scope: "webhooks:manage" } as const;

/**
 * Webhook endpoints in the REST API: the services behind Settings ▸ Webhooks
 * (packages/core/src/webhooks), so they stay admin-only (403 for a technician's key whatever its
 * scopes) and every write is audited with the key's name.
 */
export const webhookRoutes: FastifyPluginAsyncZod = async (api) => {
  api.get(
    "/webhooks",
    {
      config: SCOPE,
      schema: {
        operationId: "listWebhooks",
        tags: TAGS,
        summary: "List webhook endpoints",
        description: "Every endpoint, oldest first, on one page (an installation has a handful): `nextCursor` is null.",
        response: { 200: page(ZApiWebhookEndpoint) },
      },
    },
    async (request) => ({
      data: (await listWebhookEndpoints({ actor: request.api.actor })).map(endpointView),
      nextCursor: null,
    }),
  );

  api.post(
    "/webhooks",
    {
      config: SCOPE,
      schema: {
        operationId: "createWebhook",
        tags: TAGS,
        summary: "Add a webhook endpoint",
        description:
          "The URL must be `https://` to a public address (unless the server runs with HELPLINE_WEBHOOKS_ALLOW_PRIVATE=1), without a user name or password: otherwise 400 `invalid_webhook_url`. The answer carries the signing secret, once.",
        body: ZCreateWebhookEndpointInput,
        response: { 201: ZApiCreatedWebhookEndpoint, ...apiErrors(400) },
      },
    },
    async (request, reply) => {
      const { endpoint, secret } = await createWebhookEndpoint({ actor: request.api.actor, input: request.body });
      return reply.code(201).send({ ...endpointView(endpoint), secret });
    },
  );

  api.get(
    "/webhooks/:id",
    {
      config: SCOPE,
      schema: {
        operationId: "getWebhook",
        tags: TAGS,
        summary: "Get a webhook endpoint",
        params: ZIdParams,
        response: { 200: ZApiWebhookEndpoint, ...apiErrors(400, 404) },
      },
    },
    async (request) =>
      endpointView(await getWebhookEndpoint({ actor: request.api.actor, input: { endpointId: request.params.id } })),
  );

  api.patch(
    "/webhooks/:id",
    {
      config: SCOPE,
      schema: {
        operationId: "updateWebhook",
        tags: TAGS,
        summary: "Change a webhook endpoint",
        description:
          "Any of `url`, `description`, `events`, `enabled`. `enabled: true` also clears a disabling by Helpline and the failing state.",
        params: ZIdParams,
        body: ZUpdateBody,
        response: { 200: ZApiWebhookEndpoint, ...apiErrors(400, 404) },
      },
    },
    async (request) =>
      endpointView(
        await updateWebhookEndpoint({
          actor: request.api.actor,
          input: { endpointId: request.params.id, ...request.body },
        }),
      ),
  );

  api.delete(
    "/webhooks/:id",
    {
      config: SCOPE,
      schema: {
        operationId: "deleteWebhook",
        tags: TAGS,
        summary: "Delete a webhook endpoint",
        description: "With its delivery log; deliveries not sent yet are never sent.",
        params: ZIdParams,
        response: { 204: z.null().describe("Deleted."), ...apiErrors(400, 404) },
      },
    },
    async (request, reply) => {
      await deleteWebhookEndpoint({ actor: request.api.actor, input: { endpointId: request.params.id } });
      return reply.code(204).send(null);
    },
  );

  api.get(
    "/webhooks/:id/deliveries",
    {
      config: SCOPE,
      schema: {
        operationId: "listWebhookDeliveries",
        tags: TAGS,
        summary: "List an endpoint's deliveries",
        description: "Its delivery log (kept 30 days), newest first, each with every try.",
        params: ZIdParams,
        querystring: ZPageQuery,
        response: { 200: page(ZApiWebhookDelivery), ...apiErrors(400, 404) },
      },
    },
    async (request) => {
      const { deliveries, nextCursor } = await listWebhookDeliveries({
        actor: request.api.actor,
        input: { endpointId: request.params.id, ...request.query },
      });
      return { data: deliveries.map(deliveryView), nextCursor };
    },
  );

  api.post(
    "/webhooks/:id/deliveries/:deliveryId/resend",
    {
      config: SCOPE,
      schema: {
        operationId: "resendWebhookDelivery",
        tags: TAGS,
        summary: "Send a delivery again",
        description:
          "A delivered or failed delivery is queued again, due now: the same event id and body, signed with the current secret. 409 `delivery_pending` while it is still pending, 409 `endpoint_disabled` when the endpoint is switched off.",
        params: ZDeliveryParams,
        response: {
          202: z.object({ deliveryId: z.uuid(), status: z.literal("pending") }),
          ...apiErrors(400, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { id: endpointId, deliveryId } = request.params;
      await resendWebhookDelivery({ actor: request.api.actor, input: { endpointId, deliveryId } });
      return reply.code(202).send({ deliveryId, status: "pending" as const });
    },
  );

  api.post(
    "/webhooks/:id/test",
    {
      config: SCOPE,
      schema: {
        operationId: "sendTestWebhookEvent",
        tags: TAGS,
        summary: "Send a test event",
        description:
          "Queues a `webhook.test` event to this endpoint alone, whatever it subscribes to; follow it in its deliveries. 409 `endpoint_disabled` when the endpoint is switched off.",
        params: ZIdParams,
        response: { 202: z.object({ eventId: z.uuid(), deliveryId: z.uuid() }), ...apiErrors(400, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await sendTestWebhookEvent({ actor: request.api.actor, input: { endpointId: request.params.id } })),
  );
};
