import { getPrisma, Prisma } from "@helpline/db";
import {
  IDEMPOTENCY_KEY_REUSED,
  type TCreateTicketInput,
  type TCreateTicketResponse,
  type TFirstReplyDue,
} from "@helpline/protocol";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { getContactLanguage } from "../languages/get-contact-language.ts";
import { enqueueTicketMail } from "../mail/enqueue-ticket-mail.ts";
import { startTicketSla } from "../sla/start-ticket-sla.ts";
import { decodeAttachments } from "./attachment-content.ts";
import { expectedFirstReply, firstReplyDueOf, firstReplySentence, type FirstReplyDue } from "./expected-first-reply.ts";
import { findTicketContact } from "./find-ticket-contact.ts";
import { ticketPortalUrl } from "../portal/portal-links.ts";
import { ticketContentHash } from "./ticket-content-hash.ts";
import { ticketReceiptMail } from "./ticket-mail.ts";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event.ts";
import { ticketEvent } from "../webhooks/webhook-payloads.ts";

type Outcome = TCreateTicketResponse & { created: boolean };
type Submission = { deviceId: string; profile: string; idempotencyKey: string; requestHash: string; publicUrl: string };

/** The answer's `firstReplyDue` (agent protocol v1 addition), absent when no promise is made. */
function firstReplyDueAnswer(due: FirstReplyDue | null): TFirstReplyDue | undefined {
  return due ? { at: due.at.toISOString(), timeZone: due.timeZone, text: firstReplySentence(due) } : undefined;
}

/**
 * The ticket this device and profile already made under this key, or null. A ticket made before
 * content was recorded (null hash) counts as the same content.
 */
async function findByIdempotencyKey(submission: Submission): Promise<Outcome | null> {
  const existing = await getPrisma().ticket.findFirst({
    where: {
      deviceId: submission.deviceId,
      idempotencyKey: submission.idempotencyKey,
      profile: { deviceId: submission.deviceId, name: submission.profile },
    },
    select: {
      id: true,
      number: true,
      requestHash: true,
      status: true,
      firstRespondedAt: true,
      firstResponseDueAt: true,
      slaCalendar: { select: { timeZone: true } },
    },
  });
  if (!existing) return null;
  if (existing.requestHash !== null && existing.requestHash !== submission.requestHash) {
    throw new DomainError(
      IDEMPOTENCY_KEY_REUSED,
      `A different ticket (#${existing.number}) was already sent from this device with this ticket's key, so this one was not made. Send it again as a new ticket.`,
      422,
      { params: { number: existing.number } },
    );
  }
  return {
    ticketId: existing.id,
    number: existing.number,
    portalUrl: ticketPortalUrl(submission.publicUrl, existing.number),
    // As the ticket stands now: a retry after a lost answer may come when the clock has moved on.
    firstReplyDue: firstReplyDueAnswer(expectedFirstReply(existing)),
    created: false,
  };
}

/**
 * Add Ticket from a device: one ticket linked to the customer, the confirmed contact, the
 * device and the profile, with the device snapshot, its attachments, an audit line and the receipt
 * mail — all in one transaction, with its status history and SLA (`startTicketSla`); the answer's
 * `firstReplyDue` says when the first reply is due (absent without an SLA), as the receipt does.
 * The receipt is in the contact's language (getContactLanguage).
 * The agent's idempotency key is scoped to (device, profile): the
 * same key with the same content (see ticketContentHash) returns the ticket already made (also when
 * two retries race: the unique index decides), with other content it is refused with
 * `422 idempotency_key_reused`; another profile's key never returns this ticket (agent-protocol.md).
 * Other errors: `403 helpdesk_inactive`, `403 identity_unconfirmed`, `413 payload_too_large`,
 * `400 invalid_request`.
 */
export async function createAgentTicket(options: {
  deviceId: string;
  request: TCreateTicketInput;
  publicUrl: string;
}): Promise<Outcome> {
  const { deviceId, request, publicUrl } = options;
  const attachments = decodeAttachments(request.attachments);
  const submission: Submission = {
    deviceId,
    profile: request.profile,
    idempotencyKey: request.idempotencyKey,
    requestHash: ticketContentHash(request, attachments),
    publicUrl,
  };
  const replay = await findByIdempotencyKey(submission);
  if (replay) return replay;
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
          profileId: profile.id,
          title: request.title,
          description: request.description,
          priority: request.priority,
          source: "agent",
          snapshot,
          idempotencyKey: request.idempotencyKey,
          requestHash: submission.requestHash,
          attachments: { create: attachments },
        },
        select: { id: true, number: true, title: true },
      });
      const firstReplyDue = firstReplyDueOf(await startTicketSla(tx, { ticketId: ticket.id, now: new Date() }));
      const portalUrl = ticketPortalUrl(publicUrl, ticket.number);
      await enqueueTicketMail(tx, {
        ticketId: ticket.id,
        kind: "receipt",
        ...ticketReceiptMail({
          to: contact.email,
          fullName: contact.fullName,
          ticket: { ...ticket, portalUrl },
          firstReplyDue,
          locale: await getContactLanguage({ contactId: contact.id, db: tx }),
        }),
      });
      await recordAuditEvent(tx, {
        actor: { type: "system" },
        action: "ticket.created",
        subject: `ticket:${ticket.id}`,
        data: {
          number: ticket.number,
          source: "agent",
          device: deviceId,
          contact: contact.email,
          attachments: attachments.length,
        },
      });
      await enqueueWebhookEvent(tx, await ticketEvent(tx, "ticket.created", ticket.id));
      return {
        ticketId: ticket.id,
        number: ticket.number,
        portalUrl,
        firstReplyDue: firstReplyDueAnswer(firstReplyDue),
        created: true,
      };
    });
  } catch (error) {
    // Two deliveries of one queued ticket at once: the loser finds the winner's ticket (or, with
    // other content under the same key, is refused like any later one).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const raced = await findByIdempotencyKey(submission);
      if (raced) return raced;
    }
    throw error;
  }
}
