import { getPrisma } from "@helpline/db";
import { displayFileName } from "@helpline/protocol";
import { isPreviewableImage } from "../tickets/attachment-content.ts";
import { portalTicketScope, type PortalContact } from "./portal-contact.ts";

/**
 * A file of a ticket the contact may see, under its displayable name (`displayFileName`), never one
 * attached to an internal note; else null.
 */
export async function getPortalAttachment(options: {
  contact: PortalContact;
  ticketNumber: number;
  attachmentId: string;
}) {
  const file = await getPrisma().ticketAttachment.findFirst({
    where: {
      id: options.attachmentId,
      ticket: { number: options.ticketNumber, ...portalTicketScope(options.contact) },
      OR: [{ messageId: null }, { message: { kind: "reply" } }],
    },
    select: { name: true, contentType: true, size: true, data: true },
  });
  return file ? { ...file, name: displayFileName(file.name), previewable: isPreviewableImage(file.contentType) } : null;
}
