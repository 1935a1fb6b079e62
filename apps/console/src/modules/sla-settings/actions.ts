"use server";
import {
  createSlaCalendar,
  createSlaPolicy,
  deleteSlaCalendar,
  deleteSlaPolicy,
  getSlaCalendar,
  setCustomerSlaPolicy,
  setDefaultSlaPolicy,
  setGeneralSettings,
  updateSlaCalendar,
  updateSlaPolicy,
  ZGeneralSettingsInput,
  ZSetCustomerSlaPolicyInput,
  ZSlaCalendarInput,
  ZSlaCalendarRef,
  ZSlaPolicyInput,
  ZSlaPolicyRef,
  ZUpdateSlaCalendarInput,
  ZUpdateSlaPolicyInput,
} from "@helpline/core";
import { revalidatePath } from "next/cache";
import { withTechnician } from "@/modules/auth/with-technician";

export const saveGeneralSettingsAction = withTechnician(ZGeneralSettingsInput, async ({ technician, input }) => {
  await setGeneralSettings({ actor: technician, input });
  // Every console page shows times in this zone.
  revalidatePath("/", "layout");
});

export const createCalendarAction = withTechnician(ZSlaCalendarInput, async ({ technician, input }) => {
  const created = await createSlaCalendar({ actor: technician, input });
  revalidatePath("/settings/business-hours");
  return created;
});

export const updateCalendarAction = withTechnician(ZUpdateSlaCalendarInput, async ({ technician, input }) => {
  const updated = await updateSlaCalendar({ actor: technician, input });
  revalidatePath("/settings/business-hours");
  return updated;
});

export const deleteCalendarAction = withTechnician(ZSlaCalendarRef, async ({ technician, input }) => {
  await deleteSlaCalendar({ actor: technician, input });
  revalidatePath("/settings/business-hours");
});

/** The progress of the due-time recompute a calendar's last change queued (null when done). */
export const getRecomputeProgressAction = withTechnician(ZSlaCalendarRef, async ({ input }) => {
  const calendar = await getSlaCalendar({ input });
  return calendar.recompute;
});

export const createPolicyAction = withTechnician(ZSlaPolicyInput, async ({ technician, input }) => {
  const created = await createSlaPolicy({ actor: technician, input });
  revalidatePath("/settings/slas");
  return created;
});

export const updatePolicyAction = withTechnician(ZUpdateSlaPolicyInput, async ({ technician, input }) => {
  const updated = await updateSlaPolicy({ actor: technician, input });
  revalidatePath("/settings/slas");
  return updated;
});

export const deletePolicyAction = withTechnician(ZSlaPolicyRef, async ({ technician, input }) => {
  await deleteSlaPolicy({ actor: technician, input });
  revalidatePath("/settings/slas");
});

export const setDefaultPolicyAction = withTechnician(ZSlaPolicyRef, async ({ technician, input }) => {
  await setDefaultSlaPolicy({ actor: technician, input });
  revalidatePath("/settings/slas");
});

export const setCustomerSlaPolicyAction = withTechnician(ZSetCustomerSlaPolicyInput, async ({ technician, input }) => {
  await setCustomerSlaPolicy({ actor: technician, input });
  revalidatePath(`/customers/${input.customerId}`);
});
