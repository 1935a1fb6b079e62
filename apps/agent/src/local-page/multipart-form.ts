export type FormFile = { field: string; name: string; contentType: string; data: Buffer };
export type MultipartForm = { fields: URLSearchParams; files: FormFile[] };

export class MultipartError extends Error {
  override name = "MultipartError";
}

const MAX_PARTS = 100;
const MAX_FIELD_BYTES = 64 * 1024;
const CRLF = Buffer.from("\r\n");
const HEADERS_END = Buffer.from("\r\n\r\n");

export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]!) : null;
}

function parameter(header: string, name: string): string | null {
  // Browsers escape a quote in a file name as %22 and keep everything else literal (RFC 7578 4.2).
  const match = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, "i").exec(header) ?? new RegExp(`;\\s*${name}=([^;\\s]+)`, "i").exec(header);
  return match ? match[1]!.replace(/\\(.)/g, "$1") : null;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * A multipart/form-data body (RFC 7578), already read into memory and bounded by the caller: the
 * text fields, and the files that were actually chosen (a file input left empty sends an empty
 * part with an empty name, which is dropped). Throws MultipartError on a malformed body.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartForm {
  const delimiter = Buffer.from(`--${boundary}`);
  const separator = Buffer.concat([CRLF, delimiter]);
  const fields = new URLSearchParams();
  const files: FormFile[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) throw new MultipartError("no multipart boundary in the body");
  for (let parts = 0; ; parts++) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString("latin1") === "--") return { fields, files };
    if (parts >= MAX_PARTS) throw new MultipartError("too many parts");
    if (!body.subarray(position, position + 2).equals(CRLF)) throw new MultipartError("malformed part delimiter");
    const headersEnd = body.indexOf(HEADERS_END, position + 2);
    if (headersEnd < 0) throw new MultipartError("part without headers");
    const headers = parseHeaders(body.subarray(position + 2, headersEnd).toString("utf8"));
    const contentStart = headersEnd + HEADERS_END.length;
    const next = body.indexOf(separator, contentStart);
    if (next < 0) throw new MultipartError("unterminated part");
    const content = body.subarray(contentStart, next);
    position = next + CRLF.length;

    const disposition = headers.get("content-disposition") ?? "";
    const field = parameter(disposition, "name");
    if (!/^form-data\b/i.test(disposition) || field === null) throw new MultipartError("part without a form-data name");
    const filename = parameter(disposition, "filename");
    if (filename === null) {
      if (content.length > MAX_FIELD_BYTES) throw new MultipartError(`field ${field} is too long`);
      fields.append(field, content.toString("utf8"));
    } else if (filename !== "" || content.length > 0) {
      files.push({ field, name: filename.replace(/^.*[\\/]/, ""), contentType: headers.get("content-type") ?? "application/octet-stream", data: Buffer.from(content) });
    }
  }
}
