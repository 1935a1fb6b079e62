"use server";
import { setPortalBranding, ZPortalBrandingInput } from "@helpline/core";
import { revalidatePath } from "next/cache";
import { withTechnician } from "@/modules/auth/with-technician";

export const savePortalBrandingAction = withTechnician(ZPortalBrandingInput, async ({ technician, input }) => {
  await setPortalBranding({ actor: technician, input });
  revalidatePath("/settings/portal");
  revalidatePath("/portal", "layout");
});
