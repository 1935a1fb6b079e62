import { displayFileName, formatBytes, MAX_TICKET_ATTACHMENT_BYTES, MAX_TICKET_ATTACHMENTS } from "@helpline/protocol";
import { DomainError } from "../errors.ts";
import { storeAttachment, type StoredAttachment } from "../tickets/attachment-content.ts";
import type { ParsedInboundMail } from "./parse-inbound-mail.ts";

export type MailAttachmentRow = StoredAttachment & { contentId: string | null };

/**
 * A mail's files as ticket attachments, under the same limits and checks as the agent's tickets
 * (at most MAX_TICKET_ATTACHMENTS files and MAX_TICKET_ATTACHMENT_BYTES in all; an image's bytes
 * must match its type). A mail cannot be sent back for being too big, so unlike the agent's
 * request it is never refused: files are kept in the mail's order while they fit, and the rest are
 * named in `dropped`, one visible line for the message ("2 attachments were not kept: …"), or null.
 * Inline images keep their Content-ID so the conversation can show them where the HTML had them.
 */
export function keepMailAttachments(attachments: ParsedInboundMail["attachments"]): {
  kept: MailAttachmentRow[];
  dropped: string | null;
} {
  const kept: MailAttachmentRow[] = [];
  const refused: string[] = [];
  let total = 0;
  for (const attachment of attachments) {
    const name = displayFileName(attachment.name);
    if (kept.length >= MAX_TICKET_ATTACHMENTS) {
      refused.push(`${name} (more than ${MAX_TICKET_ATTACHMENTS} files)`);
      continue;
    }
    if (total + attachment.data.byteLength > MAX_TICKET_ATTACHMENT_BYTES) {
      refused.push(
        `${name} (${formatBytes(attachment.data.byteLength)}, over ${formatBytes(MAX_TICKET_ATTACHMENT_BYTES)} in all)`,
      );
      continue;
    }
    try {
      const stored = storeAttachment(
        {
          name: attachment.name,
          contentType: attachment.contentType.toLowerCase(),
          data: new Uint8Array(attachment.data),
        },
        name,
      );
      kept.push({ ...stored, contentId: attachment.contentId });
      total += stored.size;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refused.push(`${name} (not a real ${attachment.contentType} file)`);
    }
  }
  if (refused.length === 0) return { kept, dropped: null };
  const count = refused.length === 1 ? "1 attachment was" : `${refused.length} attachments were`;
  return { kept, dropped: `${count} not kept: ${refused.join("; ")}.` };
}
