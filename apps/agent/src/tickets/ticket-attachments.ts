import fs from "node:fs";
import path from "node:path";
import { formatBytes, MAX_AGENT_TICKET_FILES_BYTES, type TTicketAttachment } from "@helpline/protocol";

export type AttachmentFile = { name: string; contentType: string; data: Buffer };

// Refusing here, with a sentence, beats a 413 after the upload.
export const MAX_ATTACHMENTS_BYTES = MAX_AGENT_TICKET_FILES_BYTES;
export const MAX_ATTACHMENTS_TEXT = formatBytes(MAX_ATTACHMENTS_BYTES);

/** The refusal of files that total `total` (bytes, or a text such as "more than 256 MiB"). */
export function attachmentsTooLargeMessage(total: number | string): string {
  const amount = typeof total === "number" ? formatBytes(total) : total;
  return `The attachments are too large: ${amount} in all, at most ${MAX_ATTACHMENTS_TEXT} can be sent. Attach fewer or smaller files (or remove the screenshot), or share a link in the description.`;
}

/** null when the files fit, else the sentence to show. */
export function attachmentsTooLarge(files: { data: Buffer }[]): string | null {
  const total = files.reduce((sum, file) => sum + file.data.byteLength, 0);
  return total <= MAX_ATTACHMENTS_BYTES ? null : attachmentsTooLargeMessage(total);
}

// The server previews these image types and checks their first bytes; a file that claims one of
// them but is something else would make it refuse the whole ticket.
const IMAGE_SIGNATURES: Record<string, (bytes: Buffer) => boolean> = {
  "image/png": (b) => b.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])),
  "image/jpeg": (b) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])),
  "image/gif": (b) => b.subarray(0, 4).toString("latin1") === "GIF8",
  "image/webp": (b) =>
    b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
  "image/bmp": (b) => b.subarray(0, 2).toString("latin1") === "BM",
};

const BY_EXTENSION: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".bmp": "image/bmp",
  ".txt": "text/plain",
  ".log": "text/plain",
  ".csv": "text/csv",
  ".json": "application/json",
  ".pdf": "application/pdf",
  ".zip": "application/zip",
};

/** A type the server will accept for these bytes: an image only when its bytes say so. */
export function safeContentType(declared: string, data: Buffer): string {
  const type = declared.toLowerCase().split(";")[0]!.trim();
  if (type.startsWith("image/")) return IMAGE_SIGNATURES[type]?.(data) ? type : "application/octet-stream";
  return /^[\w.+-]+\/[\w.+-]+$/.test(type) ? type : "application/octet-stream";
}

/** The type by the file's extension, checked against its bytes as safeContentType does. */
export function contentTypeOf(fileName: string, data: Buffer): string {
  return safeContentType(BY_EXTENSION[path.extname(fileName).toLowerCase()] ?? "application/octet-stream", data);
}

/** A file from disk as an attachment (its base name, type by extension). Throws what fs.readFileSync throws. */
export function readAttachmentFile(file: string): AttachmentFile {
  const data = fs.readFileSync(file);
  const name = path.basename(file);
  return { name, contentType: contentTypeOf(name, data), data };
}

/** The protocol's form: base64 bytes, names cut to 255 characters (an empty one becomes "attachment"). */
export function toWireAttachments(files: AttachmentFile[]): TTicketAttachment[] {
  return files.map((file) => ({
    name: file.name.slice(0, 255) || "attachment",
    contentType: file.contentType,
    dataBase64: file.data.toString("base64"),
  }));
}
