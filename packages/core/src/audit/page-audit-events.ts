import { getPrisma, type Prisma } from "@helpline/db";
import { z } from "zod";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { readPageCursor, toPage } from "../paging/page-cursor.ts";
import { escapeLike } from "../search/escape-like.ts";
import type { TPageAuditEventsInput } from "./audit-input.ts";
import { loadAuditActorNames, systemActorName } from "./load-audit-actor-names.ts";

const LIST = "api audit events";
const ZAuditKey = z.tuple([z.number().int(), z.uuid()]);
const ACTOR_TYPES = ["technician", "contact"] as const;

/**
 * One page of the audit log for the REST API, newest first (at, then id, descending: the
 * AuditEvent(at) index), filtered by action prefix, subject and time (`since` inclusive, `until`
 * exclusive). Each event names who acted: `actor` (type, id, current name; a removed technician or
 * contact keeps the id and is named so) and `apiKey` (the key's id and name at the time, when a
 * technician acted through the API). Admins only, as Settings ▸ Audit log: DomainError `forbidden`
 * (403) for a technician, `invalid_cursor` (400) for a cursor not made by this list.
 */
export async function pageAuditEvents(options: { actor: TechnicianActor; input: TPageAuditEventsInput }) {
  requireAdmin(options.actor);
  const { input } = options;
  const after = input.cursor ? await readPageCursor(input.cursor, LIST, ZAuditKey) : null;
  const at = new Date(after?.[0] ?? 0);
  const where: Prisma.AuditEventWhereInput = {
    AND: [
      input.action ? { action: { startsWith: escapeLike(input.action) } } : {},
      input.subject ? { subject: input.subject } : {},
      input.since ? { at: { gte: new Date(input.since) } } : {},
      input.until ? { at: { lt: new Date(input.until) } } : {},
      // The `lte` repeats what the OR implies so PostgreSQL starts the index scan at the cursor.
      after ? { at: { lte: at }, OR: [{ at: { lt: at } }, { at, id: { lt: after[1] } }] } : {},
    ],
  };
  const window = await getPrisma().auditEvent.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const names = await loadAuditActorNames(window);
  const events = window.map((event) => {
    const type: (typeof ACTOR_TYPES)[number] | "system" =
      ACTOR_TYPES.find((known) => known === event.actorType) ?? "system";
    return {
      id: event.id,
      at: event.at,
      action: event.action,
      subject: event.subject,
      data: event.data as Record<string, unknown>,
      actor: {
        type,
        id: type === "system" ? null : event.actorId,
        name:
          type === "system"
            ? systemActorName(event.data)
            : (names.get(`${type}:${event.actorId}`) ??
              (type === "technician" ? "Removed technician" : "Removed contact")),
      },
      apiKey: event.apiKeyId ? { id: event.apiKeyId, name: event.apiKeyName ?? "" } : null,
    };
  });
  return toPage(events, { limit: input.limit, list: LIST, key: (event) => [event.at.getTime(), event.id] });
}
