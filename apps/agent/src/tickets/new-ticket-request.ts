import { randomUUID } from "node:crypto";
import type { TTicketPriority } from "@helpline/protocol";
import type { Inventory } from "../system/inventory.ts";
import { AGENT_VERSION } from "../version.ts";
import { toWireAttachments, type AttachmentFile } from "./ticket-attachments.ts";
import type { QueuedTicketRequest } from "./ticket-queue.ts";

export type TicketDraft = {
  title: string;
  description: string;
  priority?: TTicketPriority;
  attachments: AttachmentFile[];
  idempotencyKey?: string;
};

const KEY = /^[A-Za-z0-9_-]{8,100}$/;

/**
 * The request as it will be sent (and resent): the device as it is now, and an idempotency key
 * made once here — or the one the Add Ticket form was opened with, so submitting the same form
 * twice is still one ticket.
 */
export function newTicketRequest(draft: TicketDraft, profile: string, inventory: Inventory): QueuedTicketRequest {
  return {
    profile,
    idempotencyKey: draft.idempotencyKey && KEY.test(draft.idempotencyKey) ? draft.idempotencyKey : randomUUID(),
    title: draft.title,
    description: draft.description,
    priority: draft.priority ?? "medium",
    attachments: toWireAttachments(draft.attachments),
    snapshot: {
      hostname: inventory.hostname,
      os: `${inventory.os.name} ${inventory.os.version}`.trim(),
      ip: inventory.ip,
      agentVersion: AGENT_VERSION,
    },
  };
}
