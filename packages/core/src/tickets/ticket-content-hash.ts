import { createHash } from "node:crypto";
import type { TCreateTicketInput } from "@helpline/protocol";
import type { StoredAttachment } from "./attachment-content.ts";

/**
 * What makes two submissions under one idempotency key the same ticket: what the person wrote and
 * attached (title, description, priority, each attachment's name, type and bytes, in order) —
 * not what the agent adds by itself (the device snapshot may change while a ticket waits in the
 * queue). SHA-256, hex, over the parsed request, so defaults and trimming compare as sent.
 */
export function ticketContentHash(
  request: Pick<TCreateTicketInput, "title" | "description" | "priority">,
  attachments: Pick<StoredAttachment, "name" | "contentType" | "sha256">[],
): string {
  const content = [
    request.title,
    request.description,
    request.priority,
    attachments.map((file) => [file.name, file.contentType, file.sha256]),
  ];
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}
