import type { Prisma } from "@helpline/db";
import { recordAuditEvent, type AuditActor } from "../audit/record-audit-event.ts";
import { startTicketSla } from "../sla/start-ticket-sla.ts";
import { firstReplyDueOf, type FirstReplyDue } from "../tickets/expected-first-reply.ts";
import { keepMailAttachments } from "./mail-attachments.ts";
import type { SenderContact } from "./mail-sender.ts";
import type { ParsedInboundMail } from "./parse-inbound-mail.ts";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event.ts";
import { ticketEvent } from "../webhooks/webhook-payloads.ts";

// A ticket's title is at most 200 characters wherever it comes from (the agent's and console's limit).
const TITLE_MAX = 200;

/**
 * What a mail's message says on the ticket: its new text (quotes cut; "Show the whole mail" has
 * the rest), then the parser's notes (an unreadable winmail.dat) and the line naming attachments
 * that were not kept, so a technician sees what is missing.
 */
export function mailMessageBody(parsed: ParsedInboundMail, dropped: string | null): string {
  return [parsed.text.trim(), ...parsed.notes, ...(dropped ? [dropped] : [])].filter(Boolean).join("\n\n");
}

/** The mail's own Message-ID joins the ticket's thread, so answers to it (a Cc's reply-all) find it. */
export async function rememberMessageId(
  tx: Prisma.TransactionClient,
  parsed: ParsedInboundMail,
  ticketId: string,
): Promise<void> {
  if (!parsed.messageId) return;
  await tx.ticketMailId.createMany({
    data: [{ messageId: parsed.messageId, ticketId, direction: "received", createdAt: new Date() }],
    skipDuplicates: true,
  });
}

/**
 * A new ticket made of a mail, inside the caller's transaction: source "email", title from the
 * subject (prefixes and tag removed), description the mail's text, its files as attachments, the
 * mail's Message-ID in the thread index, its SLA (`startTicketSla`: the customer's policy, else the
 * default one; `firstReplyDue` for the receipt, see firstReplyDueOf), and an audit line
 * `ticket.created` by `actor`. Either
 * `contact` (a known sender, under `customerId`) or `requester` (an unknown sender; customerId
 * null puts it in Unassigned customers). Sends nothing: receipts are the caller's decision.
 */
export async function createMailTicket(
  tx: Prisma.TransactionClient,
  options: {
    parsed: ParsedInboundMail;
    customerId: string | null;
    contact: SenderContact | null;
    requester: { email: string; name: string | null } | null;
    followUpOfId: string | null;
    actor: AuditActor;
    auditData?: Record<string, string>;
  },
): Promise<{ id: string; number: number; title: string; firstReplyDue: FirstReplyDue | null }> {
  const { parsed } = options;
  const { kept, dropped } = keepMailAttachments(parsed.attachments);
  const ticket = await tx.ticket.create({
    data: {
      customerId: options.customerId,
      contactId: options.contact?.id ?? null,
      requesterEmail: options.requester?.email ?? null,
      requesterName: options.requester?.name ?? null,
      followUpOfId: options.followUpOfId,
      title: parsed.title.slice(0, TITLE_MAX),
      description: mailMessageBody(parsed, dropped),
      source: "email",
      attachments: { create: kept },
    },
    select: { id: true, number: true, title: true },
  });
  await rememberMessageId(tx, parsed, ticket.id);
  const firstReplyDue = firstReplyDueOf(await startTicketSla(tx, { ticketId: ticket.id, now: new Date() }));
  await recordAuditEvent(tx, {
    actor: options.actor,
    action: "ticket.created",
    subject: `ticket:${ticket.id}`,
    data: {
      number: ticket.number,
      source: "email",
      attachments: kept.length,
      ...(options.followUpOfId ? { followUpOf: options.followUpOfId } : {}),
      ...options.auditData,
    },
  });
  await enqueueWebhookEvent(tx, await ticketEvent(tx, "ticket.created", ticket.id));
  return { ...ticket, firstReplyDue };
}
