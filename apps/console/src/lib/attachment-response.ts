import "server-only";
import { displayFileName } from "@helpline/protocol";

// Whatever a file holds, the browser must not run it on our origin: no sniffing, a sandbox CSP,
// and only checked raster images are ever labelled as what they claim to be.
export const ATTACHMENT_SAFE_HEADERS = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "sandbox",
  "cache-control": "private, no-store",
};

/**
 * `filename=` for old clients (ASCII only, no quotes), `filename*=` with the real name for the rest;
 * both as `displayFileName` shows it, so the saved file's extension is the one people read.
 */
export function contentDisposition(type: "inline" | "attachment", stored: string): string {
  const name = displayFileName(stored);
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A stored ticket file as a response: inline only for an image whose bytes were checked, else a download. */
export function attachmentResponse(file: {
  name: string;
  contentType: string;
  data: Uint8Array<ArrayBuffer>;
  previewable: boolean;
}): Response {
  return new Response(file.data, {
    headers: {
      ...ATTACHMENT_SAFE_HEADERS,
      "content-type": file.previewable ? file.contentType : "application/octet-stream",
      "content-disposition": contentDisposition(file.previewable ? "inline" : "attachment", file.name),
      "content-length": String(file.data.byteLength),
    },
  });
}
