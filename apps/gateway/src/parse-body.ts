import { DomainError } from "@helpline/core";
import { describeInvalidRequest } from "@helpline/protocol";
import type { z } from "zod";

/** Parses a request body at the edge; a failure becomes `400 invalid_request` naming the field. */
export function parseBody<TSchema extends z.ZodType>(schema: TSchema, body: unknown): z.infer<TSchema> {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new DomainError("invalid_request", describeInvalidRequest(parsed.error), 400, {
      params: { field: parsed.error.issues[0]?.path.join(".") ?? "" },
    });
  return parsed.data;
}
