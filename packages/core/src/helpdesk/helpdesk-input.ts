import { z } from "zod";
import { ZDeviceFilter } from "../devices/device-input.ts";

const MAX_SELECTED_DEVICES = 10_000;

const ZHelpdeskAction = z.enum(["activate", "deactivate"]);

export const ZApplyHelpdeskInput = z.object({
  action: ZHelpdeskAction,
  // Ticked rows, or "all N devices" of a list (its filters), which may span many pages.
  selection: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("devices"),
      deviceIds: z.array(z.uuid()).min(1, "Select at least one device.").max(MAX_SELECTED_DEVICES),
    }),
    z.object({ kind: z.literal("filter"), filter: ZDeviceFilter }),
  ]),
});
export type TApplyHelpdeskInput = z.infer<typeof ZApplyHelpdeskInput>;

export const ZSetDeviceHelpdeskInput = z.object({ deviceId: z.uuid("Unknown device."), action: ZHelpdeskAction });
export type TSetDeviceHelpdeskInput = z.infer<typeof ZSetDeviceHelpdeskInput>;

export const ZSetHelpdeskPolicyInput = z.object({ customerId: z.uuid("Unknown customer."), enabled: z.boolean() });
export type TSetHelpdeskPolicyInput = z.infer<typeof ZSetHelpdeskPolicyInput>;
