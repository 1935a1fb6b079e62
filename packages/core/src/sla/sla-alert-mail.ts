import { escapeHtml } from "../mail/escape-html.ts";
import type { MailRecipient, OutgoingMail } from "../mail/enqueue-mail.ts";
import { ticketMailSubject } from "../tickets/ticket-mail.ts";
import { formatZonedDateTime } from "@helpline/i18n";
import type { SlaTarget } from "./sla-types.ts";
import type { SentSlaAlert } from "./ticket-sla-columns.ts";

export type SlaAlertKind = SentSlaAlert["kind"];

const TARGET_NAMES: Record<SlaTarget, string> = { first_response: "first response", resolution: "resolution" };

/**
 * The mail a technician gets when a ticket passes its warning threshold or breaches a target:
 * which ticket and target, the due time in the MSP's zone (`timeZone`, IANA) with the zone named,
 * and a link to the ticket in the console (`consoleUrl`, its address without trailing slash).
 */
export function slaAlertMail(options: {
  to: MailRecipient;
  kind: SlaAlertKind;
  target: SlaTarget;
  dueAt: Date;
  timeZone: string;
  ticket: { number: number; title: string };
  consoleUrl: string;
}): OutgoingMail {
  const { ticket, kind } = options;
  const target = TARGET_NAMES[options.target];
  const due = formatZonedDateTime(options.dueAt, options.timeZone);
  const link = `${options.consoleUrl}/tickets/${ticket.number}`;
  const line =
    kind === "warning"
      ? `Ticket #${ticket.number} (${ticket.title}) is close to its ${target} target: it is due ${due}.`
      : `Ticket #${ticket.number} (${ticket.title}) breached its ${target} target: it was due ${due}.`;
  const html = `<p>${escapeHtml(line)}</p>
<p><a href="${escapeHtml(link)}">Open ticket #${ticket.number} in the console</a></p>`;
  return {
    to: options.to,
    // The ticket's thread subject, as every later mail of a ticket (ticketMailSubject): mail
    // programs group by subject too; the first line of the body says warning or breach.
    subject: ticketMailSubject(ticket, { first: false }),
    text: [line, "", `Open it in the console: ${link}`].join("\n"),
    html,
  };
}
