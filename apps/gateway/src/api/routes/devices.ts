import { DomainError, getDevice, pageDevices, ZPageDevicesInput } from "@helpline/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { apiErrors, page, ZApiTime, ZIdParams, ZPageQuery } from "../api-schemas.ts";

const HELPDESK_STATES = ["not_active", "awaiting_identity", "confirmed"] as const;

const ZHelpdeskState = z
  .enum(HELPDESK_STATES)
  .describe(
    "The helpdesk for the profile signed in now: `not_active`, `awaiting_identity` (active, nobody confirmed yet) or `confirmed`.",
  );

const ZApiDeviceBase = z.object({
  id: z.uuid(),
  hostname: z.string(),
  customer: z.object({ id: z.uuid(), name: z.string() }),
  os: z.object({
    platform: z.enum(["windows", "macos", "linux"]),
    name: z.string(),
    version: z.string(),
    kind: z.enum(["workstation", "server"]),
  }),
  ip: z.string().nullable(),
  agentVersion: z.string(),
  firstSeenAt: ZApiTime,
  lastSeenAt: ZApiTime.describe("The agent's last check-in."),
  online: z.boolean().describe("Checked in within the last 75 seconds."),
  helpdesk: ZHelpdeskState,
});

const ZApiDeviceSummary = ZApiDeviceBase.extend({
  currentProfile: z
    .object({ name: z.string(), displayName: z.string().nullable(), helpdeskActive: z.boolean() })
    .nullable()
    .describe("The user profile signed in now, as the agent last reported it; null: nobody."),
  possibleClone: z
    .object({ deviceId: z.uuid(), hostname: z.string(), others: z.number().int() })
    .nullable()
    .describe(
      "Set when this device and another share a machine id without proof they are one machine (a cloned disk).",
    ),
}).meta({ id: "DeviceSummary" });

const ZApiDeviceProfile = z
  .object({
    id: z.uuid(),
    name: z.string(),
    displayName: z.string().nullable(),
    current: z.boolean().describe("The profile signed in now."),
    helpdeskActive: z.boolean(),
    helpdesk: ZHelpdeskState.describe("This profile's helpdesk state."),
    contact: z
      .object({ id: z.uuid(), fullName: z.string(), email: z.string() })
      .nullable()
      .describe("Who confirmed their identity on this profile."),
    firstSeenAt: ZApiTime,
    lastSeenAt: ZApiTime,
    signedIn: z.boolean().describe("Signed in as of the last check-in (meaningful when `sessionsReported`)."),
    onConsole: z.boolean().nullable(),
    trayRunning: z.boolean().nullable(),
  })
  .meta({ id: "DeviceProfile" });

const ZApiDevice = ZApiDeviceBase.extend({
  sessionsReported: z
    .boolean()
    .describe(
      "Whether the agent reports every signed-in session; only then do `signedIn`, `onConsole` and `trayRunning` mean something.",
    ),
  profiles: z.array(ZApiDeviceProfile).describe("The user profiles seen on the device, last seen first."),
  possibleClones: z
    .array(
      z.object({
        id: z.uuid(),
        hostname: z.string(),
        firstSeenAt: ZApiTime,
        relation: z
          .enum(["original", "clone"])
          .describe("`original`: this device may be a clone of it; `clone`: it may be a clone of this device."),
      }),
    )
    .describe("Devices sharing this one's machine id without proof."),
}).meta({ id: "Device" });

const ZListDevicesQuery = ZPageQuery.extend({
  customerId: ZPageDevicesInput.shape.customerId.describe("Only this customer's devices."),
  search: ZPageDevicesInput.shape.search.describe(
    "A part of the hostname or the signed-in profile's name, or the start of the IP address.",
  ),
  os: ZPageDevicesInput.shape.os,
  status: ZPageDevicesInput.shape.status.describe("`online`: checked in within the last 75 seconds."),
  helpdesk: ZPageDevicesInput.shape.helpdesk.describe("The helpdesk state of the profile signed in now."),
});

type DeviceRow = Awaited<ReturnType<typeof pageDevices>>["data"][number];
type DeviceView = NonNullable<Awaited<ReturnType<typeof getDevice>>>;

const inventory = (device: DeviceRow | DeviceView) => ({
  id: device.id,
  hostname: device.hostname,
  customer: device.customer,
  os: { platform: device.osPlatform, name: device.osName, version: device.osVersion, kind: device.osKind },
  ip: device.ip,
  agentVersion: device.agentVersion,
  firstSeenAt: device.firstSeenAt,
  lastSeenAt: device.lastSeenAt,
  online: device.online,
});

const summaryView = (device: DeviceRow) => ({
  ...inventory(device),
  helpdesk: device.helpdesk,
  currentProfile: device.currentProfile && {
    name: device.currentProfile.name,
    displayName: device.currentProfile.displayName,
    helpdeskActive: device.currentProfile.helpdeskActive,
  },
  possibleClone: device.possibleClone,
});

const deviceView = (device: DeviceView) => ({
  ...inventory(device),
  helpdesk: device.profiles.find((profile) => profile.current)?.helpdesk ?? "not_active",
  sessionsReported: device.sessionsReported,
  profiles: device.profiles.map((profile) => ({
    id: profile.id,
    name: profile.name,
    displayName: profile.displayName,
    current: profile.current,
    helpdeskActive: profile.helpdeskActive,
    helpdesk: profile.helpdesk,
    contact: profile.contactId && profile.contact ? { id: profile.contactId, ...profile.contact } : null,
    firstSeenAt: profile.firstSeenAt,
    lastSeenAt: profile.lastSeenAt,
    signedIn: profile.signedIn,
    onConsole: profile.onConsole,
    trayRunning: profile.trayRunning,
  })),
  possibleClones: device.possibleClones,
});

/**
 * Devices in the REST API: the console's Devices list and Device page (packages/core/src/devices),
 * read-only; every technician sees every device. Turning the helpdesk on or off is
 * POST /helpdesk/activation.
 */
export const deviceRoutes: FastifyPluginAsyncZod = async (api) => {
  api.get(
    "/devices",
    {
      config: { scope: "devices:read" },
      schema: {
        operationId: "listDevices",
        tags: ["Devices"],
        summary: "List devices",
        description: "Filtered like the console's Devices list; by hostname, then id.",
        querystring: ZListDevicesQuery,
        response: { 200: page(ZApiDeviceSummary), ...apiErrors(400) },
      },
    },
    async (request) => {
      const result = await pageDevices({ input: request.query });
      return { data: result.data.map(summaryView), nextCursor: result.nextCursor };
    },
  );

  api.get(
    "/devices/:id",
    {
      config: { scope: "devices:read" },
      schema: {
        operationId: "getDevice",
        tags: ["Devices"],
        summary: "Get a device with its user profiles",
        params: ZIdParams,
        response: { 200: ZApiDevice, ...apiErrors(400, 404) },
      },
    },
    async (request) => {
      const device = await getDevice({ input: { deviceId: request.params.id } });
      if (!device) throw new DomainError("not_found", "No device with this id.", 404);
      return deviceView(device);
    },
  );
};
