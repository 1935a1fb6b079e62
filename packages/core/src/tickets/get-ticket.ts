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

/**
 * The ticket page: the ticket with its contact, customer, device and assignee, the conversation in
 * order with who wrote each message, and what was attached (metadata only, file names made safe to
 * show by `displayFileName`: bytes are downloaded one file at a time).
 */
export async function getTicket(options: { input: TGetTicketInput }) {
  const ticket = await getPrisma().ticket.findUnique({
    where: { number: options.input.number },
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
        },
      },
      attachments: {
        // Files sent together share a createdAt: their names keep the order stable between views.
        orderBy: [{ createdAt: "asc" }, { name: "asc" }, { id: "asc" }],
        select: { id: true, messageId: true, name: true, contentType: true, size: true },
      },
    },
  });
  if (!ticket) return null;
  const { messages, attachments, snapshot, ...rest } = ticket;
  return {
    ...rest,
    snapshot: readSnapshot(snapshot),
    messages: messages.map(({ authorTechnician, authorContact, ...message }) => ({
      ...message,
      author: authorTechnician
        ? { type: "technician" as const, name: authorTechnician.name }
        : authorContact
          ? { type: "contact" as const, name: authorContact.fullName }
          : null,
    })),
    attachments: attachments.map((attachment) => ({
      ...attachment,
      name: displayFileName(attachment.name),
      previewable: isPreviewableImage(attachment.contentType),
    })),
  };
}
