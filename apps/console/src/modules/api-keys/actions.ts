"use server";
import { createApiKey, revokeApiKey, ZCreateApiKeyInput, ZRevokeApiKeyInput } from "@helpline/core";
import { revalidatePath } from "next/cache";
import { withTechnician } from "@/modules/auth/with-technician";

/** Answers the token once, for the dialog to show; the list shows only its prefix afterwards. */
export const createApiKeyAction = withTechnician(ZCreateApiKeyInput, async ({ technician, input }) => {
  const { apiKey, token } = await createApiKey({ actor: technician, input });
  revalidatePath("/settings/api-keys");
  return { name: apiKey.name, token };
});

export const revokeApiKeyAction = withTechnician(ZRevokeApiKeyInput, async ({ technician, input }) => {
  await revokeApiKey({ actor: technician, input });
  revalidatePath("/settings/api-keys");
});
