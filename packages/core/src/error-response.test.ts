import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorResponse } from "./error-response.ts";
import { DomainError } from "./errors.ts";

describe("errorResponse", () => {
  it("answers a DomainError with its status, code, message and retry-after", () => {
    expect(errorResponse(new DomainError("too_many_requests", "Wait.", 429, { retryAfterSeconds: 90 }))).toEqual({
      status: 429,
      body: { error: { code: "too_many_requests", message: "Wait." } },
      retryAfterSeconds: 90,
      unexpected: false,
    });
    expect(errorResponse(new DomainError("not_found", "No such ticket.", 404))).toMatchObject({
      status: 404,
      retryAfterSeconds: undefined,
    });
  });

  it("carries a DomainError's field errors in the body, so a form shows them at their rows", () => {
    const taken = new DomainError("name_taken", "Name taken.", 409, { fields: { name: "Already used." } });
    expect(errorResponse(taken).body).toEqual({
      error: { code: "name_taken", message: "Name taken.", fields: { name: "Already used." } },
    });
  });

  it("answers a zod failure with 400 naming the field", () => {
    const failed = z.object({ title: z.string() }).safeParse({ title: 1 });
    expect(errorResponse(failed.error)).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_request", message: expect.stringMatching(/^`title`: /) } },
    });
  });

  it("answers Fastify's body refusals in the protocol's words", () => {
    const fastify = (code: string, statusCode: number) => Object.assign(new Error(code), { code, statusCode });
    expect(errorResponse(fastify("FST_ERR_CTP_INVALID_JSON_BODY", 400)).body.error.message).toBe(
      "The body is not valid JSON.",
    );
    expect(
      errorResponse(fastify("FST_ERR_CTP_BODY_TOO_LARGE", 413), { payloadTooLargeMessage: "At most 1 KiB." }),
    ).toMatchObject({ status: 413, body: { error: { code: "payload_too_large", message: "At most 1 KiB." } } });
    expect(errorResponse(fastify("FST_ERR_SOMETHING", 415))).toMatchObject({
      status: 415,
      body: { error: { code: "invalid_request", message: "FST_ERR_SOMETHING" } },
    });
  });

  it("answers a database outage with 503 and when to come back, and anything else as a bug", () => {
    expect(errorResponse(Object.assign(new Error("connect"), { code: "ECONNREFUSED" }))).toMatchObject({
      status: 503,
      body: { error: { code: "service_unavailable" } },
      retryAfterSeconds: 2,
      unexpected: false,
    });
    expect(errorResponse(new TypeError("x is undefined"))).toEqual({
      status: 500,
      body: { error: { code: "internal_error", message: "Something went wrong on the server." } },
      retryAfterSeconds: undefined,
      unexpected: true,
    });
    expect(errorResponse("thrown string").unexpected).toBe(true);
  });
});
