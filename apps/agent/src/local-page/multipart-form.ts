import type http from "node:http";
import { Busboy, type BusboyFileStream } from "@fastify/busboy";

export type FormFile = { field: string; name: string; contentType: string; data: Buffer };
export type MultipartForm = {
  fields: URLSearchParams;
  /** The files chosen, with their bytes; empty when they came to more than the limit. */
  files: FormFile[];
  /** Every file chosen, kept or not, so a refusal can name what to choose again. */
  chosen: { name: string; bytes: number }[];
  /** What the files came to; when `complete` is false, at least this much. */
  fileBytes: number;
  /** False when the body passed the hard cap and was not read to its end. */
  complete: boolean;
};

/** A body that is not a well-formed multipart form (or has too many parts, or a field over 64 KiB). */
export class MultipartError extends Error {
  override name = "MultipartError";
}

const MAX_PARTS = 100;
const MAX_FIELD_BYTES = 64 * 1024;

/** Whether a Content-Type is multipart/form-data with a boundary. */
export function isMultipartForm(contentType: string | undefined): boolean {
  return Boolean(contentType && /^multipart\/form-data\s*;\s*boundary=/i.test(contentType));
}

/**
 * Reads a multipart/form-data request (RFC 7578) as it arrives, with a streaming parser. Text
 * fields are always kept (each at most 64 KiB), so what the user typed survives a refusal; files
 * are kept while they total at most `maxFileBytes` and only counted past that. A body over the
 * limit is still read to its end and thrown away, up to `hardCapBytes`: a browser that is still
 * uploading when the connection closes shows "connection reset" instead of our answer. Past the
 * hard cap reading stops (`complete: false`) and the caller answers and closes.
 * An empty file input (a part with no name and no bytes) is not a file. Rejects with
 * MultipartError on a malformed body or too many parts.
 */
export function readMultipartForm(
  request: http.IncomingMessage,
  limits: { maxFileBytes: number; hardCapBytes: number },
): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    const form: MultipartForm = { fields: new URLSearchParams(), files: [], chosen: [], fileBytes: 0, complete: true };
    const pending: Promise<void>[] = [];
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      // The rest is read and dropped (up to the hard cap), so the browser gets the answer.
      request.unpipe();
      request.resume();
      reject(error);
    };
    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({
        headers: request.headers as Parameters<typeof Busboy>[0]["headers"],
        limits: { parts: MAX_PARTS, fieldSize: MAX_FIELD_BYTES },
      });
    } catch (error) {
      request.resume();
      reject(new MultipartError(error instanceof Error ? error.message : "not a multipart body"));
      return;
    }

    const keep = (field: string, name: string, contentType: string, stream: BusboyFileStream) => {
      const chosen = { name, bytes: 0 };
      const chunks: Buffer[] = [];
      pending.push(
        new Promise((done) => {
          stream.on("data", (chunk: Buffer) => {
            chosen.bytes += chunk.length;
            form.fileBytes += chunk.length;
            if (form.fileBytes <= limits.maxFileBytes) chunks.push(chunk);
            else chunks.length = 0;
          });
          stream.on("end", () => {
            if (name !== "" || chosen.bytes > 0) {
              form.chosen.push(chosen);
              if (form.fileBytes <= limits.maxFileBytes)
                form.files.push({ field, name, contentType, data: Buffer.concat(chunks) });
            }
            done();
          });
        }),
      );
    };
    // An empty file input sends a part with `filename=""`, which the parser reports without a name.
    parser.on("file", (field, stream, name: string | undefined, _encoding, contentType) =>
      keep(field, name ?? "", contentType || "application/octet-stream", stream),
    );
    parser.on("field", (field, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated) fail(new MultipartError(`field ${field} is too long`));
      else form.fields.append(field, value);
    });
    parser.on("partsLimit", () => fail(new MultipartError("too many parts")));
    parser.on("error", (error: unknown) =>
      fail(new MultipartError(error instanceof Error ? error.message : "malformed multipart body")),
    );
    parser.on("finish", () => {
      void Promise.all(pending).then(() => {
        if (settled) return;
        settled = true;
        if (form.fileBytes > limits.maxFileBytes) form.files = [];
        resolve(form);
      });
    });

    let received = 0;
    request.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limits.hardCapBytes) return;
      request.unpipe(parser);
      request.pause();
      if (settled) return;
      settled = true;
      form.files = [];
      form.complete = false;
      resolve(form);
    });
    request.on("error", (error) => fail(error));
    request.on("close", () => {
      if (!request.complete) fail(new MultipartError("the browser stopped sending"));
    });
    request.pipe(parser);
  });
}
