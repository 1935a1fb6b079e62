import { setContactPreferences, ZContactPreferencesInput } from "@helpline/core";
import { NextResponse } from "next/server";
import { withContact } from "@/modules/portal/with-contact";

export const POST = withContact(ZContactPreferencesInput, async ({ contact, input }) => {
  await setContactPreferences({ contact, input });
  return NextResponse.json({ emailOnReplies: input.emailOnReplies });
});
