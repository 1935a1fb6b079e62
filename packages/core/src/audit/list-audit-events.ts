import { getPrisma, type Prisma } from "@helpline/db";
import { escapeLike } from "../search/escape-like.ts";
import type { TListAuditEventsInput } from "./audit-input.ts";

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
  const technicianIds = [
    ...new Set(
      events.filter((event) => event.actorType === "technician" && event.actorId).map((event) => event.actorId!),
    ),
  ];
  const technicians = await prisma.technician.findMany({
    where: { id: { in: technicianIds } },
    select: { id: true, name: true },
  });
  const contactIds = [
    ...new Set(events.filter((event) => event.actorType === "contact" && event.actorId).map((event) => event.actorId!)),
  ];
  const contacts = await prisma.contact.findMany({
    where: { id: { in: contactIds } },
    select: { id: true, fullName: true },
  });
  const names = new Map(technicians.map((technician) => [technician.id, technician.name]));
  const contactNames = new Map(contacts.map((contact) => [contact.id, `${contact.fullName} (contact)`]));
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
          ? (names.get(event.actorId ?? "") ?? "Removed technician")
          : event.actorType === "contact"
            ? (contactNames.get(event.actorId ?? "") ?? "Removed contact")
            : (event.data as { mode?: string }).mode === "policy"
              ? "Customer policy"
              : "System",
    })),
  };
}
