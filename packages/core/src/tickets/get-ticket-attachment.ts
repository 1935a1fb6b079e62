import { getPrisma } from "@helpline/db";
import { displayFileName } from "@helpline/protocol";
import { isPreviewableImage } from "./attachment-content.ts";
import type { TTicketAttachmentRef } from "./ticket-input.ts";

/**
 * One attachment's bytes for a download, under its displayable name (`displayFileName`); the ticket
 * id is part of the key, so ids cannot be mixed. null when there is no such file on that ticket.
 */
export async function getTicketAttachment(options: { input: TTicketAttachmentRef }) {
  const attachment = await getPrisma().ticketAttachment.findFirst({
    where: { id: options.input.attachmentId, ticketId: options.input.ticketId },
    select: { name: true, contentType: true, size: true, data: true },
  });
  if (!attachment) return null;
  return {
    ...attachment,
    name: displayFileName(attachment.name),
    previewable: isPreviewableImage(attachment.contentType),
  };
}
