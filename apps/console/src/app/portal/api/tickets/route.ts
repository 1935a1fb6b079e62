import { createPortalTicket, listPortalTickets, ZListPortalTicketsInput, ZPortalNewTicketInput } from "@helpline/core";
import { NextResponse } from "next/server";
import { publicUrl } from "@/lib/public-url";
import { PORTAL_BODY_LIMITS, withContact } from "@/modules/portal/with-contact";

export const GET = withContact(
  ZListPortalTicketsInput,
  async ({ contact, input }) => NextResponse.json(await listPortalTickets({ contact, input })),
  { source: "query" },
);

export const POST = withContact(
  ZPortalNewTicketInput,
  async ({ contact, input }) =>
    NextResponse.json(await createPortalTicket({ contact, input, publicUrl: await publicUrl() }), { status: 201 }),
  { source: "body", maxBytes: PORTAL_BODY_LIMITS.ticket },
);
