import { STORABLE_TEXT } from "@helpline/protocol";
import { z } from "zod";

/** Settings ▸ Audit log: `subject` narrows to one thing (e.g. `device:<id>`), `action` to a prefix, `page` counts from 1. */
export const ZListAuditEventsInput = z.object({
  subject: z.string().max(100).regex(STORABLE_TEXT).optional(),
  action: z.string().trim().max(60).regex(STORABLE_TEXT).default(""),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type TListAuditEventsInput = z.infer<typeof ZListAuditEventsInput>;
