"use server";
import {
  createTechnician,
  setTechnicianDisabled,
  ZCreateTechnicianInput,
  ZSetTechnicianDisabledInput,
} from "@helpline/core";
import { revalidatePath } from "next/cache";
import { withTechnician } from "@/modules/auth/with-technician";

export const addTechnicianAction = withTechnician(ZCreateTechnicianInput, async ({ technician, input }) => {
  const created = await createTechnician({ actor: technician, input });
  revalidatePath("/settings/technicians");
  return { name: created.name };
});

export const setTechnicianDisabledAction = withTechnician(
  ZSetTechnicianDisabledInput,
  async ({ technician, input }) => {
    await setTechnicianDisabled({ actor: technician, input });
    revalidatePath("/settings/technicians");
  },
);
