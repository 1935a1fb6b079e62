import { replyAsContact, ZPortalReplyInput } from "@helpline/core";
import { NextResponse } from "next/server";
import { mailLinkUrl } from "@/lib/public-url";
import { withContact } from "@/modules/portal/with-contact";

export const POST = withContact(ZPortalReplyInput, async ({ contact, input }) =>
  NextResponse.json(await replyAsContact({ contact, input, consoleUrl: await mailLinkUrl().catch(() => null) }), {
    status: 201,
  }),
);
