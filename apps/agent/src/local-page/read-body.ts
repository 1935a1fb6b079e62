import type http from "node:http";

// Past this the sender is not a browser posting a form: stop reading and drop the connection.
const HARD_LIMIT_FACTOR = 4;

/**
 * The request body, or "too-large" past `limit` bytes. A body over the limit is still read (and
 * thrown away) up to a few times the limit, so the browser gets the page that says what went
 * wrong instead of a reset connection.
 */
export function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit * HARD_LIMIT_FACTOR) return request.destroy(new Error("body far too large"));
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    request.on("end", () => resolve(size > limit ? "too-large" : Buffer.concat(chunks)));
    request.on("error", reject);
  });
}
