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
// An instant the database can compare with: years 1970–9999 (year 0000 is valid ISO 8601 but
// outside what PostgreSQL's timestamp accepts as written).
const ZAuditTime = z.iso.datetime({ offset: true }).refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1970 && year <= 9999;
}, "Use a time between the years 1970 and 9999.");

export const ZPageAuditEventsInput = ZPageInput.extend({
  action: z.string().trim().max(60).regex(STORABLE_TEXT).default(""),
  subject: z.string().max(100).regex(STORABLE_TEXT).optional(),
  since: ZAuditTime.optional(),
  until: ZAuditTime.optional(),
});
export type TPageAuditEventsInput = z.infer<typeof ZPageAuditEventsInput>;
