import { STORABLE_TEXT } from "@helpline/protocol";
import { z } from "zod";
import { ZPageInput } from "../paging/page-cursor.ts";

/** Settings ▸ Audit log: `subject` narrows to one thing (e.g. `device:<id>`), `action` to a prefix, `page` counts from 1. */
export const ZListAuditEventsInput = z.object({
  subject: z.string().max(100).regex(STORABLE_TEXT).optional(),
  action: z.string().trim().max(60).regex(STORABLE_TEXT).default(""),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type TListAuditEventsInput = z.infer<typeof ZListAuditEventsInput>;

/**
 * REST API ▸ audit events, newest first: `action` a prefix (`helpdesk.`, `customer.created`),
 * `subject` one thing (`device:<id>`), `since` (inclusive) and `until` (exclusive) ISO 8601 times
 * with an offset or Z.
 */
export const ZPageAuditEventsInput = ZPageInput.extend({
  action: z.string().trim().max(60).regex(STORABLE_TEXT).default(""),
  subject: z.string().max(100).regex(STORABLE_TEXT).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
});
export type TPageAuditEventsInput = z.infer<typeof ZPageAuditEventsInput>;
