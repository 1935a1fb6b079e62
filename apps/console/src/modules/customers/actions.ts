"use server";
import {
  createCustomer,
  rotateInstallKey,
  setCustomerLanguage,
  ZCreateCustomerInput,
  ZCustomerRef,
  ZSetCustomerLanguageInput,
} from "@helpline/core";
import { revalidatePath } from "next/cache";
import { withTechnician } from "@/modules/auth/with-technician";

export const createCustomerAction = withTechnician(ZCreateCustomerInput, async ({ technician, input }) => {
  const customer = await createCustomer({ actor: technician, input });
  revalidatePath("/customers");
  return customer;
});

export const rotateInstallKeyAction = withTechnician(ZCustomerRef, async ({ technician, input }) => {
  await rotateInstallKey({ actor: technician, input });
  revalidatePath(`/customers/${input.customerId}`);
});

export const setCustomerLanguageAction = withTechnician(ZSetCustomerLanguageInput, async ({ technician, input }) => {
  await setCustomerLanguage({ actor: technician, input });
  revalidatePath(`/customers/${input.customerId}`);
});
