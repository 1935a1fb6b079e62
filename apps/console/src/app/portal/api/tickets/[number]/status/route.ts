import { setPortalTicketStatus, ZPortalStatusInput } from "@helpline/core";
import { NextResponse } from "next/server";
import { withContact } from "@/modules/portal/with-contact";

export const POST = withContact(ZPortalStatusInput, async ({ contact, input }) =>
  NextResponse.json(await setPortalTicketStatus({ contact, input })),
);
