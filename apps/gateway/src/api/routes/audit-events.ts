import { pageAuditEvents, ZPageAuditEventsInput } from "@helpline/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { apiErrors, page, ZApiTime, ZPageQuery } from "../api-schemas.ts";

const ZApiAuditEvent = z
  .object({
    id: z.uuid(),
    at: ZApiTime,
    action: z.string().describe("What happened, e.g. `helpdesk.activated`, `customer.install_key_rotated`."),
    subject: z.string().nullable().describe("What it happened to, as `<kind>:<id>` (`device:…`, `customer:…`)."),
    data: z.record(z.string(), z.unknown()).describe("Details of the action."),
    actor: z
      .object({
        type: z.enum(["technician", "contact", "system"]),
        id: z.uuid().nullable(),
        name: z.string().describe("The current name; `Removed technician` / `Removed contact` once deleted."),
      })
      .describe("Who acted: a technician, a contact, or Helpline itself (a customer policy, a background job)."),
    apiKey: z
      .object({ id: z.uuid(), name: z.string().describe("The key's name at the time.") })
      .nullable()
      .describe("Set when a technician acted through the REST API."),
  })
  .meta({ id: "AuditEvent" });

const ZListAuditEventsQuery = ZPageQuery.extend({
  action: ZPageAuditEventsInput.shape.action.describe("The start of the action: `helpdesk.`, `customer.created`."),
  subject: ZPageAuditEventsInput.shape.subject.describe("One thing, e.g. `device:<id>`."),
  since: ZPageAuditEventsInput.shape.since.describe("From this time on (ISO 8601, inclusive)."),
  until: ZPageAuditEventsInput.shape.until.describe("Before this time (ISO 8601, exclusive)."),
});

/**
 * The audit log in the REST API (Settings ▸ Audit log): read-only, admins only as in the console.
 */
export const auditEventRoutes: FastifyPluginAsyncZod = async (api) => {
  api.get(
    "/audit-events",
    {
      config: { scope: "tickets:read" },
      schema: {
        operationId: "listAuditEvents",
        tags: ["Audit"],
        summary: "List audit events",
        description: "Who did what, newest first. Admins' keys only (as Settings ▸ Audit log).",
        querystring: ZListAuditEventsQuery,
        response: { 200: page(ZApiAuditEvent), ...apiErrors(400) },
      },
    },
    async (request) => pageAuditEvents({ actor: request.api.actor, input: request.query }),
  );
};
