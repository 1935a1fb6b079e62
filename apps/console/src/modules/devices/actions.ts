"use server";
import { listDevices, ZListDevicesInput } from "@helpline/core";
import { withTechnician } from "@/modules/auth/with-technician";

/** The Devices list refreshes through this every few seconds, so online status stays live. */
export const listDevicesAction = withTechnician(ZListDevicesInput, async ({ input }) => listDevices({ input }));
