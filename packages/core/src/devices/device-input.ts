import { STORABLE_TEXT } from "@helpline/protocol";
import { z } from "zod";
import { ZPageInput } from "../paging/page-cursor.ts";

const DEVICE_SORTS = ["hostname", "customer", "os", "lastSeen"] as const;
export const DEVICE_PAGE_SIZE = 50;

export const ZDeviceFilter = z.object({
  customerId: z.uuid().optional(),
  search: z.string().trim().max(120).regex(STORABLE_TEXT).default(""),
  os: z.enum(["windows", "macos", "linux"]).optional(),
  status: z.enum(["online", "offline"]).optional(),
  helpdesk: z.enum(["not_active", "awaiting_identity", "confirmed"]).optional(),
});
export type TDeviceFilter = z.infer<typeof ZDeviceFilter>;

export const ZListDevicesInput = ZDeviceFilter.extend({
  sort: z.enum(DEVICE_SORTS).default("hostname"),
  direction: z.enum(["asc", "desc"]).default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type TListDevicesInput = z.infer<typeof ZListDevicesInput>;

export const ZDeviceRef = z.object({ deviceId: z.uuid("Unknown device.") });
export type TDeviceRef = z.infer<typeof ZDeviceRef>;

/** REST API ▸ devices: a page by hostname (then id), filtered as the Devices list filters. */
export const ZPageDevicesInput = ZDeviceFilter.extend(ZPageInput.shape);
export type TPageDevicesInput = z.infer<typeof ZPageDevicesInput>;
