import { getPrisma, Prisma } from "@helpline/db";
import type { TCreateTicketInput, TCreateTicketResponse } from "@helpline/protocol";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { decodeAttachments } from "./attachment-content.ts";
import { findTicketContact } from "./find-ticket-contact.ts";
import { ticketPortalUrl } from "./portal-url.ts";
import { ticketReceiptMail } from "./ticket-mail.ts";

type Outcome = TCreateTicketResponse & { created: boolean };

async function findByIdempotencyKey(deviceId: string, idempotencyKey: string, publicUrl: string): Promise<Outcome | null> {
  const existing = await getPrisma().ticket.findUnique({
    where: { deviceId_idempotencyKey: { deviceId, idempotencyKey } },
    select: { id: true, number: true },
  });
  return existing ? { ticketId: existing.id, number: existing.number, portalUrl: ticketPortalUrl(publicUrl, existing.number), created: false } : null;
}

/**
 * Add Ticket (F5) from a device: one ticket linked to the customer, the confirmed contact and the
 * device, with the device snapshot, its attachments, an audit line and the receipt mail — all in
 * one transaction. The agent's idempotency key makes a retry (after a lost answer, or from the
 * offline queue) return the ticket it already made, even when two retries race.
 */
export async function createAgentTicket(options: { deviceId: string; request: TCreateTicketInput; publicUrl: string }): Promise<Outcome> {
  const { deviceId, request, publicUrl } = options;
  const replay = await findByIdempotencyKey(deviceId, request.idempotencyKey, publicUrl);
  if (replay) return replay;
  const attachments = decodeAttachments(request.attachments);
  try {
    return await getPrisma().$transaction(async (tx) => {
      const { profile, contact } = await findTicketContact(tx, { deviceId, profile: request.profile });
      const device = await tx.device.findUniqueOrThrow({
        where: { id: deviceId },
        select: { hostname: true, osName: true, osVersion: true, ip: true, agentVersion: true },
      });
      const snapshot = {
        hostname: request.snapshot?.hostname || device.hostname,
        os: request.snapshot?.os || `${device.osName} ${device.osVersion}`.trim(),
        ip: request.snapshot?.ip ?? device.ip,
        agentVersion: request.snapshot?.agentVersion || device.agentVersion,
        user: profile.name,
        userDisplayName: profile.displayName,
      };
      const ticket = await tx.ticket.create({
        data: {
          customerId: profile.device.customerId,
          contactId: contact.id,
          deviceId,
          title: request.title,
          description: request.description,
          priority: request.priority,
          source: "agent",
          snapshot,
          idempotencyKey: request.idempotencyKey,
          attachments: { create: attachments },
        },
        select: { id: true, number: true, title: true },
      });
      const portalUrl = ticketPortalUrl(publicUrl, ticket.number);
      await enqueueMail(tx, ticketReceiptMail({ to: contact.email, fullName: contact.fullName, ticket: { ...ticket, portalUrl } }));
      await recordAuditEvent(tx, {
        actor: { type: "system" },
        action: "ticket.created",
        subject: `ticket:${ticket.id}`,
        data: { number: ticket.number, source: "agent", device: deviceId, contact: contact.email, attachments: attachments.length },
      });
      return { ticketId: ticket.id, number: ticket.number, portalUrl, created: true };
    });
  } catch (error) {
    // Two deliveries of one queued ticket at once: the loser finds the winner's ticket.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const raced = await findByIdempotencyKey(deviceId, request.idempotencyKey, publicUrl);
      if (raced) return raced;
    }
    throw error;
  }
}
