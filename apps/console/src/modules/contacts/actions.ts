"use server";
import { setMainContact, ZSetMainContactInput } from "@helpline/core";
import { withTechnician } from "@/modules/auth/with-technician";

export const setMainContactAction = withTechnician(ZSetMainContactInput, async ({ technician, input }) =>
  setMainContact({ actor: technician, input }),
);
