import {
  ATTACHMENTS_ADVICE,
  formatBytes,
  MAX_AGENT_TICKET_FILES_BYTES,
  MAX_TICKET_BODY_BYTES,
} from "@helpline/protocol";
import type { FastifyRequest } from "fastify";

/**
 * The sentence of a `413 payload_too_large` raised by the body limit (agent-protocol.md: "the
 * message states the limit"): the limit, what this request carried (from its content-length;
 * "more than the limit" when it was chunked), and what to do. For ticket creation the limit is
 * put in files, since attachments are what fill that body.
 */
export function bodyTooLargeMessage(request: FastifyRequest): string {
  const limit = request.routeOptions.bodyLimit;
  const declared = Number(request.headers["content-length"]);
  const carried =
    Number.isFinite(declared) && declared > limit ? formatBytes(declared) : `more than ${formatBytes(limit)}`;
  if (limit === MAX_TICKET_BODY_BYTES) {
    return `Attachments may total at most ${formatBytes(MAX_AGENT_TICKET_FILES_BYTES)}: they travel base64 in a request of at most ${formatBytes(MAX_TICKET_BODY_BYTES)} (this request carried ${carried}). ${ATTACHMENTS_ADVICE}`;
  }
  return `The request body may be at most ${formatBytes(limit)} (this request carried ${carried}). Send only the fields agent-protocol.md lists for this endpoint.`;
}
