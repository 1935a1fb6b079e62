import { getPortalAttachment, ZPortalTicketNumber } from "@helpline/core";
import { z } from "zod";
import { attachmentResponse } from "@/lib/attachment-response";
import { portalError, withContact } from "@/modules/portal/with-contact";

/** A file of a ticket the contact may see (never one attached to an internal note). */
export const GET = withContact(
  z.object({ number: ZPortalTicketNumber, attachmentId: z.uuid() }),
  async ({ contact, input }) => {
    const file = await getPortalAttachment({ contact, ticketNumber: input.number, attachmentId: input.attachmentId });
    if (!file) return portalError(404, "not_found", "fileNotFound");
    return attachmentResponse(file);
  },
  { source: "query" },
);
