import { z } from "zod";

export const ZHealthResponse = z.object({
  status: z.enum(["ok", "unavailable"]),
  database: z.enum(["postgresql", "pglite"]),
  version: z.string(),
});
export type THealthResponse = z.infer<typeof ZHealthResponse>;
