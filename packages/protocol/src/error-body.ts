import { z } from "zod";

/**
 * Every 4xx of Helpline's HTTP APIs has this body; a 5xx is always a bug. `fields` (optional,
 * added later: older readers ignore it) maps a field's path to why it was refused.
 */
export const ZErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

export function errorBody(code: string, message: string, fields?: Record<string, string>): TErrorBody {
  return { error: fields ? { code, message, fields } : { code, message } };
}
