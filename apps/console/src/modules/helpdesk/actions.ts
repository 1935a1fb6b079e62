"use server";
import {
  applyHelpdeskAction,
  setDeviceHelpdesk,
  setHelpdeskPolicy,
  ZApplyHelpdeskInput,
  ZSetDeviceHelpdeskInput,
  ZSetHelpdeskPolicyInput,
} from "@helpline/core";
import { revalidatePath } from "next/cache";
import { withTechnician } from "@/modules/auth/with-technician";

export const setDeviceHelpdeskAction = withTechnician(ZSetDeviceHelpdeskInput, async ({ technician, input }) => {
  const result = await setDeviceHelpdesk({ actor: technician, input });
  revalidatePath(`/devices/${input.deviceId}`);
  return result;
});

export const applyHelpdeskBulkAction = withTechnician(ZApplyHelpdeskInput, async ({ technician, input }) => {
  const outcome = await applyHelpdeskAction({ actor: technician, input, mode: "bulk" });
  revalidatePath("/devices");
  return outcome;
});

export const setHelpdeskPolicyAction = withTechnician(ZSetHelpdeskPolicyInput, async ({ technician, input }) => {
  await setHelpdeskPolicy({ actor: technician, input });
  revalidatePath(`/customers/${input.customerId}`);
});
