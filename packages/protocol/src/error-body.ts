import { z } from "zod";

/** Every 4xx of Helpline's HTTP APIs has this body; a 5xx is always a bug. */
export const ZErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

export function errorBody(code: string, message: string): TErrorBody {
  return { error: { code, message } };
}
