import "server-only";
import { errorResponse } from "@helpline/core";
import type { z } from "zod";
import { currentTechnician, type SignedInTechnician } from "./session.ts";

export type ActionResult<T = undefined> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

/**
 * The one wrapper for console server actions: resolves the signed-in technician, parses the input
 * with zod, and turns refusals (whatever errorResponse does not call a bug, a database outage
 * included) into a result the form can show; a bug is thrown on, to Next's error handling.
 * Server actions are POSTs that Next.js checks against the page's origin, which is what makes
 * them CSRF-safe.
 */
export function withTechnician<TSchema extends z.ZodType, TResult>(
  schema: TSchema,
  handler: (context: { technician: SignedInTechnician; input: z.infer<TSchema> }) => Promise<TResult>,
) {
  return async (raw: unknown): Promise<ActionResult<TResult>> => {
    const technician = await currentTechnician();
    if (!technician)
      return { ok: false, error: { code: "unauthorized", message: "Your session has ended. Sign in again." } };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[issue.path.join(".")] ??= issue.message;
      return { ok: false, error: { code: "invalid_request", message: "Check the highlighted fields.", fields } };
    }
    try {
      return { ok: true, data: await handler({ technician, input: parsed.data }) };
    } catch (error) {
      const answer = errorResponse(error);
      if (answer.unexpected) throw error;
      return { ok: false, error: answer.body.error };
    }
  };
}
