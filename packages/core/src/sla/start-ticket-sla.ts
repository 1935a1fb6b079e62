import type { Prisma } from "@helpline/db";
import { businessDayMinutes } from "./business-time.ts";
import { recordTicketStatus } from "./record-ticket-status.ts";
import { refreshTicketSla } from "./refresh-ticket-sla.ts";
import { businessCalendarOf, DEFAULT_SLA_POLICY_KEY } from "./sla-calendar-row.ts";
import {
  SLA_PRIORITIES,
  ZPolicyTargets,
  type SlaPriority,
  type SlaTargetsSnapshot,
  type TargetDuration,
} from "./sla-types.ts";

/**
 * Starts a ticket's SLA inside the transaction that creates it (or files it under a customer):
 * records its first status row (its current status since its `createdAt`, unless the history
 * already has it), takes the policy of the ticket's customer, else the default policy
 * (SystemSetting `sla.defaultPolicyId`; a ticket without customer takes the default), and stores
 * a snapshot of its targets for every priority in business minutes (days × the calendar's
 * business-day length, converted now: later policy edits do not move this ticket), its policy and
 * calendar, then computes its due times with `refreshTicketSla` from the ticket's creation, so a
 * re-snapshot counts the time already spent. `now` is UTC.
 *
 * Returns the first-response due time (UTC; null when that clock does not run, e.g. created
 * Pending) and the calendar's IANA zone, for the receipt and the agent's "Ticket #N created"
 * page; null when no policy applies (none set as default), then the ticket has no SLA.
 */
export async function startTicketSla(
  tx: Prisma.TransactionClient,
  options: { ticketId: string; now: Date },
): Promise<{ firstResponseDueAt: Date | null; timeZone: string } | null> {
  const { ticketId, now } = options;
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    select: { status: true, createdAt: true, customer: { select: { slaPolicyId: true } } },
  });
  await recordTicketStatus(tx, { ticketId, status: ticket.status, at: ticket.createdAt });
  const policyId =
    ticket.customer?.slaPolicyId ??
    (await tx.systemSetting.findUnique({ where: { key: DEFAULT_SLA_POLICY_KEY } }))?.value ??
    null;
  const policy = policyId
    ? await tx.slaPolicy.findUnique({
        where: { id: policyId },
        select: {
          id: true,
          name: true,
          warningPercent: true,
          targets: true,
          calendar: { select: { id: true, timeZone: true, weeklyHours: true, holidays: true } },
        },
      })
    : null;
  if (!policy) return null;
  const calendar = businessCalendarOf(policy.calendar);
  const dayMinutes = businessDayMinutes(calendar);
  const targets = ZPolicyTargets.parse(policy.targets);
  const inMinutes = (target: TargetDuration) =>
    target.amount * (target.unit === "minutes" ? 1 : target.unit === "hours" ? 60 : dayMinutes);
  const snapshot: SlaTargetsSnapshot = {
    policyId: policy.id,
    policyName: policy.name,
    takenAt: now.toISOString(),
    warningPercent: policy.warningPercent,
    minutes: Object.fromEntries(
      SLA_PRIORITIES.map((priority) => [
        priority,
        {
          firstResponse: inMinutes(targets[priority].firstResponse),
          resolution: inMinutes(targets[priority].resolution),
        },
      ]),
    ) as Record<SlaPriority, { firstResponse: number; resolution: number }>,
  };
  await tx.ticket.update({
    where: { id: ticketId },
    data: { slaPolicyId: policy.id, slaCalendarId: policy.calendar.id, slaTargets: snapshot },
  });
  const refreshed = await refreshTicketSla(tx, { ticketId, now });
  return refreshed && { firstResponseDueAt: refreshed.firstResponseDueAt, timeZone: refreshed.timeZone };
}
