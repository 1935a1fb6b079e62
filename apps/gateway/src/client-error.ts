import http from "node:http";
import type { Duplex } from "node:stream";
import { DomainError } from "@helpline/core";
import { errorBody } from "@helpline/protocol";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";

type Answer = { status: number; code: string; message: string };

const MALFORMED: Answer = {
  status: 400,
  code: "invalid_request",
  message:
    "The request is not valid HTTP/1.1: check the request line, and that header names and values hold no control characters.",
};
// Node's parser (llhttp) names what it could not read; the protocol says it in its own words.
const PARSER_ANSWERS: Record<string, Answer> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: "headers_too_large",
    message: `The request's headers are too large: at most ${Math.floor(http.maxHeaderSize / 1024)} KiB in all.`,
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    code: "payload_too_large",
    message: "The chunk extensions of the request body are too large.",
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: "request_timeout",
    message: "The request did not arrive in time. Send it again.",
  },
  HPE_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: "invalid_request",
    message: "The content-length header is not a valid length.",
  },
  HPE_UNEXPECTED_CONTENT_LENGTH: {
    status: 400,
    code: "invalid_request",
    message: "Send either content-length or transfer-encoding: chunked, not both.",
  },
  HPE_INVALID_TRANSFER_ENCODING: {
    status: 400,
    code: "invalid_request",
    message: "The transfer-encoding header is not valid: send chunked or none.",
  },
  HPE_INVALID_CHUNK_SIZE: { status: 400, code: "invalid_request", message: "The chunked request body is malformed." },
};

/**
 * Options for the `http.Server` that carries the gateway (its own, or apps/console/server.ts's):
 * Node would answer an HTTP/1.1 request without `Host` by itself, with an empty 400;
 * `requireHost` below gives that answer in the protocol's shape instead.
 */
export const GATEWAY_HTTP_OPTIONS = { requireHostHeader: false } satisfies http.ServerOptions;

function writeRaw(socket: Duplex, answer: Answer): void {
  const body = JSON.stringify(errorBody(answer.code, answer.message));
  socket.write(
    `HTTP/1.1 ${answer.status} ${http.STATUS_CODES[answer.status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * Answers what Node's HTTP parser refuses before any application sees the request (a malformed
 * request line or header, a NUL in a header, headers over the size limit, bad chunking, a bad
 * content-length): the protocol's JSON error shape rather than Fastify's own body, written as a
 * raw HTTP/1.1 response with `connection: close`, since the connection cannot be read further.
 * Fastify's `clientErrorHandler` (the `clientError` event of whichever server carries it). As
 * Node's default does, it writes nothing to a connection that was reset or whose response has
 * begun, and then destroys the socket.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (socket.writable && !inFlight?.headersSent)
    writeRaw(socket, (error.code && PARSER_ANSWERS[error.code]) || MALFORMED);
  socket.destroy(error);
}

/**
 * The other answers a Node `http.Server` gives by itself, in the protocol's shape: `Expect` other
 * than `100-continue` (Node: 417 with an empty body) and `CONNECT` (Node: the connection closes
 * without a word).
 */
export function answerBeforeRouting(server: http.Server): void {
  server.on("checkExpectation", (_request: http.IncomingMessage, response: http.ServerResponse) => {
    const body = JSON.stringify(
      errorBody("expectation_failed", "Only `Expect: 100-continue` is supported; send the request without it."),
    );
    response
      .writeHead(417, {
        "content-type": "application/json; charset=utf-8",
        "content-length": Buffer.byteLength(body),
        connection: "close",
      })
      .end(body);
  });
  server.on("connect", (_request: http.IncomingMessage, socket: Duplex) => {
    writeRaw(socket, {
      status: 405,
      code: "method_not_allowed",
      message: "This server is not a proxy: CONNECT is not supported.",
    });
    socket.destroy();
  });
}

/** Fastify's `frameworkErrors`: what its router cannot read (a path with bad percent-encoding, an overlong parameter). */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.statusCode === 414) void reply.code(414).send(errorBody("uri_too_long", "The request's path is too long."));
  else
    void reply
      .code(400)
      .send(errorBody("invalid_request", "The request's path is not valid: check its percent-encoding."));
}

/** Fastify `onRequest` hook: an HTTP/1.1 request must name its host (RFC 9112 §3.2). */
export async function requireHost(request: FastifyRequest): Promise<void> {
  if (request.raw.httpVersion === "1.1" && request.headers.host === undefined)
    throw new DomainError("invalid_request", "An HTTP/1.1 request needs a Host header.", 400);
}
