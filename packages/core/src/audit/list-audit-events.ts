import { getPrisma, type Prisma } from "@helpline/db";
import { escapeLike } from "../search/escape-like.ts";
import type { TListAuditEventsInput } from "./audit-input.ts";
import { loadAuditActorNames, systemActorName } from "./load-audit-actor-names.ts";

const AUDIT_PAGE_SIZE = 50;

/**
 * The audit log, newest first, with the name of the technician or contact who acted and, for a
 * technician acting through the REST API, the name the API key had then (`apiKeyName`, else null).
 */
export async function listAuditEvents(options: { input: TListAuditEventsInput }) {
  const { input } = options;
  const where: Prisma.AuditEventWhereInput = {
    ...(input.subject ? { subject: input.subject } : {}),
    ...(input.action ? { action: { startsWith: escapeLike(input.action) } } : {}),
  };
  const prisma = getPrisma();
  const [total, events] = await Promise.all([
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
  ]);
  const names = await loadAuditActorNames(events);
  return {
    total,
    page: input.page,
    pageSize: AUDIT_PAGE_SIZE,
    events: events.map((event) => ({
      id: event.id,
      at: event.at,
      action: event.action,
      subject: event.subject,
      data: event.data as Record<string, unknown>,
      apiKeyName: event.apiKeyName,
      actor:
        event.actorType === "technician"
          ? (names.get(`technician:${event.actorId}`) ?? "Removed technician")
          : event.actorType === "contact"
            ? names.has(`contact:${event.actorId}`)
              ? `${names.get(`contact:${event.actorId}`)} (contact)`
              : "Removed contact"
            : systemActorName(event.data),
    })),
  };
}
