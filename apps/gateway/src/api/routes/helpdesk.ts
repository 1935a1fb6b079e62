import { applyHelpdeskAction, ZApplyHelpdeskInput } from "@helpline/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { apiErrors } from "../api-schemas.ts";

const OUTCOMES = ["activated", "already_active", "deactivated", "already_inactive", "skipped"] as const;

const ZApiHelpdeskResult = z
  .object({
    counts: z.record(z.enum(OUTCOMES), z.number().int()).describe("How many devices had each outcome."),
    results: z
      .array(
        z.object({
          deviceId: z.uuid(),
          hostname: z.string(),
          profile: z
            .string()
            .nullable()
            .describe("The profile signed in now, which the helpdesk binds to; null: nobody."),
          outcome: z.enum(OUTCOMES),
          reason: z
            .enum(["not_windows_workstation", "nobody_signed_in"])
            .optional()
            .describe("Why a device was skipped."),
        }),
      )
      .describe("One entry per device selected, by hostname."),
    unknownDeviceIds: z.array(z.uuid()).describe("Ids in `selection.deviceIds` that are no device."),
  })
  .meta({ id: "HelpdeskActivationResult" });

/**
 * The helpdesk in the REST API: the console's Apply on the Devices list (applyHelpdeskAction,
 * audited as a bulk action with the key's name), for ticked devices or for every device a filter
 * matches. Idempotent: applying again changes nothing and says so per device.
 */
export const helpdeskRoutes: FastifyPluginAsyncZod = async (api) => {
  api.post(
    "/helpdesk/activation",
    {
      config: { scope: "helpdesk:write" },
      schema: {
        operationId: "applyHelpdeskActivation",
        tags: ["Helpdesk"],
        summary: "Activate or deactivate the helpdesk on devices",
        description:
          "For the profile signed in now on each selected device: `selection` is `{kind: devices, deviceIds}` (up to 10,000) or `{kind: filter, filter}` (the filters of GET /devices, every page). Windows workstations only; the others are skipped, saying why. Agents learn of it at their next check-in.",
        body: ZApplyHelpdeskInput,
        response: { 200: ZApiHelpdeskResult, ...apiErrors(400) },
      },
    },
    async (request) => {
      const input = request.body;
      const { results, counts } = await applyHelpdeskAction({ actor: request.api.actor, input, mode: "bulk" });
      const found = new Set(results.map((result) => result.deviceId));
      const unknownDeviceIds =
        input.selection.kind === "devices"
          ? [...new Set(input.selection.deviceIds)].filter((id) => !found.has(id))
          : [];
      return { counts, results, unknownDeviceIds };
    },
  );
};
