import { getPortalTicket, ZPortalTicketNumber } from "@helpline/core";
import { NextResponse } from "next/server";
import { z } from "zod";
import { portalError, withContact } from "@/modules/portal/with-contact";

export const GET = withContact(
  z.object({ number: ZPortalTicketNumber }),
  async ({ contact, input }) => {
    const ticket = await getPortalTicket({ contact, number: input.number });
    return ticket ? NextResponse.json({ ticket }) : portalError(404, "not_found", "ticketNotFound");
  },
  { source: "query" },
);
