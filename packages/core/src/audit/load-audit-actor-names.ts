import { getPrisma } from "@helpline/db";

type AuditEventActor = { actorType: string; actorId: string | null };

/**
 * The current names of the technicians and contacts who acted in `events`, keyed
 * `technician:<id>` / `contact:<id>` (technician name, contact full name); someone since removed
 * is missing, and the caller says so. Two queries whatever the number of events.
 */
export async function loadAuditActorNames(events: AuditEventActor[]): Promise<Map<string, string>> {
  const idsOf = (type: string) => [
    ...new Set(events.filter((event) => event.actorType === type && event.actorId).map((event) => event.actorId!)),
  ];
  const prisma = getPrisma();
  const [technicians, contacts] = await Promise.all([
    prisma.technician.findMany({ where: { id: { in: idsOf("technician") } }, select: { id: true, name: true } }),
    prisma.contact.findMany({ where: { id: { in: idsOf("contact") } }, select: { id: true, fullName: true } }),
  ]);
  return new Map([
    ...technicians.map((technician) => [`technician:${technician.id}`, technician.name] as const),
    ...contacts.map((contact) => [`contact:${contact.id}`, contact.fullName] as const),
  ]);
}

/** Who acted when nobody did by hand: a customer's auto-activation policy, or Helpline itself. */
export function systemActorName(data: unknown): string {
  return (data as { mode?: string } | null)?.mode === "policy" ? "Customer policy" : "System";
}
