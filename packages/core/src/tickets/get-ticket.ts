import { getPrisma } from "@helpline/db";
import { displayFileName } from "@helpline/protocol";
import { isPreviewableImage } from "./attachment-content.ts";
import type { TGetTicketInput } from "./ticket-input.ts";

/** The device as the agent saw it when the ticket was opened (fields absent on console tickets). */
export type TicketSnapshot = {
  hostname?: string;
  os?: string;
  ip?: string | null;
  agentVersion?: string;
  user?: string;
  userDisplayName?: string | null;
};

function readSnapshot(value: unknown): TicketSnapshot | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const text = (key: string) => {
    const field = (value as Record<string, unknown>)[key];
    return typeof field === "string" ? field : undefined;
  };
  return {
    hostname: text("hostname"),
    os: text("os"),
    ip: text("ip") ?? null,
    agentVersion: text("agentVersion"),
    user: text("user"),
    userDisplayName: text("userDisplayName") ?? null,
  };
}

// What the ticket page shows of a mail a ticket or message was made from: the sender as the mail
// named them, the whole text before quotes were cut (Show the whole mail), and whether the raw
// message was kept for Download original (not when it exceeded INBOUND_MAIL_MAX_BYTES).
const MAIL_SELECT = {
  id: true,
  fromAddress: true,
  fromName: true,
  fullText: true,
  automatic: true,
  rawSize: true,
} as const;

const mailView = <T extends { id: string }>(mail: T | null | undefined, kept: Set<string>) =>
  mail ? { ...mail, rawKept: kept.has(mail.id) } : null;

/**
 * Whether a technician's reply reached the contact by mail, for the ticket page. `status`:
 * "pending" (queued, not tried yet or retrying without an error), "failed" (the last attempt
 * failed — `lastError` says why — and it is retried with backoff), "sent" (the relay accepted it
 * at `deliveredAt`), "captured" (kept by the built-in catcher for Settings ▸ Outbox). `to` is the
 * recipient. Null on a reply that was not mailed (no contact, or mail turned off in the portal).
 */
export type ReplyMailState = {
  status: "pending" | "failed" | "sent" | "captured";
  deliveredAt: Date | null;
  lastError: string | null;
  to: { name: string | null; address: string };
} | null;

function replyMailState(
  outbox: {
    status: "pending" | "sent" | "captured";
    deliveredAt: Date | null;
    lastError: string | null;
    to: string;
    toName: string | null;
  }[],
): ReplyMailState {
  const [mail] = outbox;
  if (!mail) return null;
  return {
    status: mail.status === "pending" && mail.lastError ? "failed" : mail.status,
    deliveredAt: mail.deliveredAt,
    lastError: mail.lastError,
    to: { name: mail.toName, address: mail.to },
  };
}

/**
 * The ticket page: the ticket with its contact (or, from an unknown sender's mail, the requester's
 * name and address), customer (null: Unassigned customers), device, assignee and the closed ticket
 * it follows up; the conversation in order with who wrote each message; and what was attached
 * (metadata only, file names made safe to show by `displayFileName`: bytes are downloaded one file
 * at a time). Each message carries `mail`, the delivery of the mail that carried a technician's
 * reply (ReplyMailState; null otherwise), and `inboundMail`, the mail it came in as (sender, whole
 * text, raw kept or not; null otherwise); the description's mail is the ticket's `openingMail`.
 * Found by the number people see (the console's URL) or by `id` (the REST API); null when none.
 */
export async function getTicket(options: { input: TGetTicketInput } | { id: string }) {
  const ticket = await getPrisma().ticket.findUnique({
    where: "id" in options ? { id: options.id } : { number: options.input.number },
    select: {
      id: true,
      number: true,
      title: true,
      description: true,
      status: true,
      priority: true,
      source: true,
      snapshot: true,
      createdAt: true,
      updatedAt: true,
      requesterName: true,
      requesterEmail: true,
      // When the running SLA target is due (null: no clock runs); the SLA panel reads the rest.
      slaDueAt: true,
      followUpOf: { select: { number: true, title: true } },
      customer: { select: { id: true, name: true } },
      contact: { select: { id: true, fullName: true, email: true } },
      device: { select: { id: true, hostname: true } },
      assignee: { select: { id: true, name: true } },
      openedBy: { select: { name: true } },
      messages: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          kind: true,
          body: true,
          createdAt: true,
          authorTechnician: { select: { name: true } },
          authorContact: { select: { fullName: true } },
          inboundMail: { select: MAIL_SELECT },
          outboxMessages: {
            where: { kind: "reply" },
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            take: 1,
            select: { status: true, deliveredAt: true, lastError: true, to: true, toName: true },
          },
        },
      },
      // The mail that opened the ticket is the one not made into a message (its text is the description).
      inboundMails: {
        where: { outcome: "created", ticketMessageId: null },
        orderBy: { receivedAt: "asc" },
        take: 1,
        select: MAIL_SELECT,
      },
      attachments: {
        // Files sent together share a createdAt: their names keep the order stable between views.
        orderBy: [{ createdAt: "asc" }, { name: "asc" }, { id: "asc" }],
        select: { id: true, messageId: true, name: true, contentType: true, size: true, contentId: true },
      },
    },
  });
  if (!ticket) return null;
  const { messages, attachments, snapshot, inboundMails, ...rest } = ticket;
  const mailIds = [...inboundMails, ...messages.flatMap((message) => message.inboundMail ?? [])].map((mail) => mail.id);
  const kept = new Set(
    mailIds.length
      ? (
          await getPrisma().inboundMail.findMany({
            where: { id: { in: mailIds }, raw: { not: null } },
            select: { id: true },
          })
        ).map((mail) => mail.id)
      : [],
  );
  return {
    ...rest,
    snapshot: readSnapshot(snapshot),
    openingMail: mailView(inboundMails[0], kept),
    messages: messages.map(({ authorTechnician, authorContact, inboundMail, outboxMessages, ...message }) => ({
      ...message,
      mail: replyMailState(outboxMessages),
      inboundMail: mailView(inboundMail, kept),
      author: authorTechnician
        ? { type: "technician" as const, name: authorTechnician.name }
        : authorContact
          ? { type: "contact" as const, name: authorContact.fullName }
          : inboundMail
            ? { type: "sender" as const, name: inboundMail.fromName ?? inboundMail.fromAddress }
            : null,
    })),
    attachments: attachments.map(({ contentId, ...attachment }) => {
      const previewable = isPreviewableImage(attachment.contentType);
      // An image a mail's HTML showed in place (cid:, RFC 2392) is shown in the conversation too.
      return { ...attachment, name: displayFileName(attachment.name), previewable, inline: previewable && !!contentId };
    }),
  };
}
