import { getPrisma, isDatabaseUnavailable, type Prisma } from "@helpline/db";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { publicUrl } from "../links/public-url.ts";
import { getGeneralSettings } from "../settings/get-general-settings.ts";
import { notifyTicketTechnicians } from "../tickets/notify-ticket-technicians.ts";
import { refreshTicketSla } from "./refresh-ticket-sla.ts";
import { slaAlertMail, type SlaAlertKind } from "./sla-alert-mail.ts";
import type { SlaTarget } from "./sla-types.ts";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event.ts";
import { slaEvent } from "../webhooks/webhook-payloads.ts";

/**
 * One pass of the SLA scheduler's alerts: leases up to `limit` tickets whose next alert is due
 * (`slaAlertAt <= now`, index Ticket(slaAlertAt), `FOR UPDATE SKIP LOCKED`: another process's pass
 * takes other tickets) and, per ticket, recomputes its clocks (`refreshTicketSla`), then for each
 * running target whose warning time (`warningPercent` of it) or due time has passed sends the
 * alert not sent yet: `INSERT INTO "SlaAlert" … ON CONFLICT DO NOTHING` decides, so each alert
 * goes once per ticket and target whatever runs at once. A sent alert is a mail through the
 * outbox to the assignee or, unassigned (or disabled), to every active technician (due time in
 * the MSP's zone, named; a link to the ticket) and an audit line `ticket.sla_warning` /
 * `ticket.sla_breached` (`{ number, target, dueAt }`, dueAt ISO UTC). A target already breached
 * when its warning would go gets only the breach alert (its warning is marked sent, silently).
 * Then the ticket is refreshed again, so `slaAlertAt` moves to its next alert (or null).
 * Everything for a pass is one transaction; a ticket whose SLA cannot be computed (the engine
 * throws) is rolled back to a savepoint, owes no alert until its next change, and is listed in
 * `skipped` with the reason. Returns how many tickets were leased, alerts sent, and the skipped.
 */
export async function sendSlaAlerts(options: {
  now: Date;
  limit: number;
}): Promise<{ tickets: number; sent: number; skipped: { ticketId: string; reason: string }[] }> {
  const { now } = options;
  // Read before the transaction: on the embedded database a query outside it would wait for it.
  const { timeZone } = await getGeneralSettings();
  const consoleUrl = publicUrl({ protocol: "http", host: null });
  return getPrisma().$transaction(
    async (tx) => {
      const due = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Ticket" WHERE "slaAlertAt" <= ${now}
        ORDER BY "slaAlertAt" LIMIT ${options.limit} FOR UPDATE SKIP LOCKED`;
      let sent = 0;
      const skipped: { ticketId: string; reason: string }[] = [];
      for (const { id } of due) {
        // One ticket whose SLA cannot be computed (a calendar written by hand without open time)
        // must not hold back every other alert: its work is rolled back to here and it owes none.
        await tx.$executeRaw`SAVEPOINT sla_alert`;
        try {
          sent += await alertTicket(tx, { ticketId: id, now, timeZone, consoleUrl });
          await tx.$executeRaw`RELEASE SAVEPOINT sla_alert`;
        } catch (error) {
          if (isDatabaseUnavailable(error)) throw error;
          await tx.$executeRaw`ROLLBACK TO SAVEPOINT sla_alert`;
          await tx.ticket.update({ where: { id }, data: { slaAlertAt: null } });
          skipped.push({ ticketId: id, reason: error instanceof Error ? error.message : String(error) });
        }
      }
      return { tickets: due.length, sent, skipped };
    },
    { timeout: 60_000 },
  );
}

async function alertTicket(
  tx: Prisma.TransactionClient,
  options: { ticketId: string; now: Date; timeZone: string; consoleUrl: string },
): Promise<number> {
  const { ticketId, now } = options;
  const refreshed = await refreshTicketSla(tx, { ticketId, now });
  // No SLA any more (its calendar was deleted): the refresh cleared what it owed.
  if (!refreshed) return 0;
  let sent = 0;
  for (const clock of [refreshed.clocks.firstResponse, refreshed.clocks.resolution]) {
    if (clock.state !== "running") continue;
    const breached = clock.breachedAt !== null && clock.breachedAt <= now;
    const warned = clock.warnAt !== null && clock.warnAt <= now;
    if (breached) {
      await claimAlert(tx, { ticketId, target: clock.target, kind: "warning" });
      if (await claimAlert(tx, { ticketId, target: clock.target, kind: "breach" })) {
        await announce(tx, { ...options, target: clock.target, kind: "breach", dueAt: clock.breachedAt! });
        sent++;
      }
    } else if (warned && clock.dueAt && (await claimAlert(tx, { ticketId, target: clock.target, kind: "warning" }))) {
      await announce(tx, { ...options, target: clock.target, kind: "warning", dueAt: clock.dueAt });
      sent++;
    }
  }
  await refreshTicketSla(tx, { ticketId, now });
  return sent;
}

/** Records the alert as sent; true only for the one caller whose row went in. */
async function claimAlert(
  tx: Prisma.TransactionClient,
  alert: { ticketId: string; target: SlaTarget; kind: SlaAlertKind },
): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO "SlaAlert" ("ticketId", "target", "kind") VALUES (${alert.ticketId}::uuid, ${alert.target}, ${alert.kind})
    ON CONFLICT DO NOTHING`;
  return inserted > 0;
}

async function announce(
  tx: Prisma.TransactionClient,
  options: {
    ticketId: string;
    target: SlaTarget;
    kind: SlaAlertKind;
    dueAt: Date;
    timeZone: string;
    consoleUrl: string;
  },
): Promise<void> {
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: options.ticketId },
    select: { number: true, title: true },
  });
  const recipients = await notifyTicketTechnicians(tx, {
    ticketId: options.ticketId,
    mail: (to) =>
      slaAlertMail({
        to,
        kind: options.kind,
        target: options.target,
        dueAt: options.dueAt,
        timeZone: options.timeZone,
        ticket,
        consoleUrl: options.consoleUrl,
      }),
  });
  await recordAuditEvent(tx, {
    actor: { type: "system" },
    action: options.kind === "warning" ? "ticket.sla_warning" : "ticket.sla_breached",
    subject: `ticket:${options.ticketId}`,
    data: {
      number: ticket.number,
      target: options.target,
      dueAt: options.dueAt.toISOString(),
      recipients,
    },
  });
  await enqueueWebhookEvent(tx, await slaEvent(tx, options));
}
