import { getPrisma } from "@helpline/db";
import { displayFileName } from "@helpline/protocol";
import { getCustomerTimeZone } from "../customers/get-customer-time-zone.ts";
import { isPreviewableImage } from "../tickets/attachment-content.ts";
import { expectedFirstReply } from "../tickets/expected-first-reply.ts";
import { portalTicketScope, type PortalContact } from "./portal-contact.ts";

/**
 * A ticket as its contact sees it: the public conversation only (internal notes, and files
 * attached to them, never leave the console), file names made safe to show by `displayFileName`.
 * Out of scope answers null, as a missing one does. `timeZone` is the IANA zone the contact reads
 * times in (their customer's, getCustomerTimeZone); `firstReplyDue` when the first reply is due
 * (expectedFirstReply: null when no promise can be made); nothing else of the SLA leaves.
 */
export async function getPortalTicket(options: { contact: PortalContact; number: number }) {
  const ticket = await getPrisma().ticket.findFirst({
    where: { number: options.number, ...portalTicketScope(options.contact) },
    select: {
      id: true,
      number: true,
      title: true,
      description: true,
      status: true,
      priority: true,
      createdAt: true,
      updatedAt: true,
      contact: { select: { id: true, fullName: true } },
      device: { select: { hostname: true } },
      // A ticket written down in the console was opened by a technician, for the contact.
      openedBy: { select: { name: true } },
      source: true,
      firstRespondedAt: true,
      firstResponseDueAt: true,
      slaCalendar: { select: { timeZone: true } },
      messages: {
        where: { kind: "reply" },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          body: true,
          createdAt: true,
          authorTechnician: { select: { name: true } },
          authorContact: { select: { fullName: true } },
        },
      },
      attachments: {
        where: { OR: [{ messageId: null }, { message: { kind: "reply" } }] },
        // The console's order (get-ticket.ts): files sent together share a createdAt.
        orderBy: [{ createdAt: "asc" }, { name: "asc" }, { id: "asc" }],
        select: { id: true, messageId: true, name: true, contentType: true, size: true },
      },
    },
  });
  if (!ticket) return null;
  const { firstRespondedAt, firstResponseDueAt, slaCalendar, ...shown } = ticket;
  return {
    ...shown,
    timeZone: await getCustomerTimeZone({ customerId: options.contact.customerId }),
    firstReplyDue: expectedFirstReply({ status: ticket.status, firstRespondedAt, firstResponseDueAt, slaCalendar }),
    messages: ticket.messages.map(({ authorTechnician, authorContact, ...message }) => ({
      ...message,
      // Technicians speak for the MSP: the portal shows their name, never more of them.
      author: authorTechnician
        ? { type: "technician" as const, name: authorTechnician.name }
        : { type: "contact" as const, name: authorContact?.fullName ?? "Former contact" },
    })),
    attachments: ticket.attachments.map((attachment) => ({
      ...attachment,
      name: displayFileName(attachment.name),
      previewable: isPreviewableImage(attachment.contentType),
    })),
  };
}
