import { createHash } from "node:crypto";
import {
  ATTACHMENTS_ADVICE,
  displayFileName,
  formatBytes,
  MAX_TICKET_ATTACHMENT_BYTES,
  type TTicketAttachment,
} from "@helpline/protocol";
import { DomainError } from "../errors.ts";

export type StoredAttachment = {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  data: Uint8Array<ArrayBuffer>;
};

// Raster formats a browser can preview safely, recognised by their first bytes. SVG is not here on
// purpose: it can carry script, so it is only ever offered as a download.
const IMAGE_SIGNATURES: Record<string, (bytes: Uint8Array) => boolean> = {
  "image/png": (b) => b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  "image/jpeg": (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/gif": (b) => b.length > 6 && Buffer.from(b.subarray(0, 4)).toString("latin1") === "GIF8",
  "image/webp": (b) =>
    b.length > 12 &&
    Buffer.from(b.subarray(0, 4)).toString("latin1") === "RIFF" &&
    Buffer.from(b.subarray(8, 12)).toString("latin1") === "WEBP",
  "image/bmp": (b) => b.length > 2 && b[0] === 0x42 && b[1] === 0x4d,
};

/** True for the image types whose bytes were checked on the way in, so they may be shown inline. */
export function isPreviewableImage(contentType: string): boolean {
  return contentType in IMAGE_SIGNATURES;
}

// The decoded size of a base64 text, without decoding it: a refusal must not cost the decoding.
function decodedBytes(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/**
 * Decodes attachments sent with a ticket and checks what can be checked: at most 10 MiB in all,
 * else `413 payload_too_large` saying the limit, what was sent and what to do; and an image type
 * must match the file's bytes (a script named `.png` is refused, `400 invalid_request`). Names are
 * kept as sent; messages show them through `displayFileName`.
 */
export function decodeAttachments(attachments: TTicketAttachment[]): StoredAttachment[] {
  const total = attachments.reduce((sum, attachment) => sum + decodedBytes(attachment.dataBase64), 0);
  if (total > MAX_TICKET_ATTACHMENT_BYTES) {
    throw new DomainError(
      "payload_too_large",
      `Attachments may total at most ${formatBytes(MAX_TICKET_ATTACHMENT_BYTES)} (this ticket carried ${formatBytes(total)}). ${ATTACHMENTS_ADVICE}`,
      413,
    );
  }
  return attachments.map((attachment, index) =>
    storeAttachment(
      {
        name: attachment.name,
        contentType: attachment.contentType,
        data: new Uint8Array(Buffer.from(attachment.dataBase64, "base64")),
      },
      `attachments.${index}`,
    ),
  );
}

/**
 * Checks one file's bytes against its type and gives the row to store: an image type must be one
 * we accept (PNG, JPEG, GIF, WebP, BMP) and match the file's first bytes, else DomainError
 * `invalid_request` (400) naming `field`. Sizes are the caller's to check (they are per ticket).
 */
export function storeAttachment(
  attachment: { name: string; contentType: string; data: Uint8Array<ArrayBuffer> },
  field: string,
): StoredAttachment {
  const { data } = attachment;
  const isImage = attachment.contentType.startsWith("image/") && attachment.contentType !== "image/svg+xml";
  const signature = IMAGE_SIGNATURES[attachment.contentType];
  if (isImage && !signature) {
    throw new DomainError(
      "invalid_request",
      `\`${field}.contentType\`: ${attachment.contentType} is not an image type we accept (PNG, JPEG, GIF, WebP, BMP).`,
    );
  }
  if (signature && !signature(data)) {
    throw new DomainError(
      "invalid_request",
      `\`${field}\`: the file "${displayFileName(attachment.name)}" is not a ${attachment.contentType} image.`,
    );
  }
  return {
    name: attachment.name,
    contentType: attachment.contentType,
    size: data.byteLength,
    sha256: createHash("sha256").update(data).digest("hex"),
    data,
  };
}
