import { firstReplySentence, type FirstReplyDue } from "@helpline/core";
import type { TTicketStatus } from "@helpline/protocol";

/**
 * What the end user can expect next on a ticket, or null: "We will reply by Thursday 3 December,
 * 09:30 CET" while the first reply is due (the zone is the ticket's SLA calendar's, named), "Waiting
 * for your answer" while it is Pending (the clocks are paused until they answer), nothing otherwise.
 */
export function replyExpectation(ticket: {
  status: TTicketStatus;
  firstReplyDue: FirstReplyDue | null;
}): string | null {
  if (ticket.status === "pending") return "Waiting for your answer";
  return ticket.firstReplyDue ? firstReplySentence(ticket.firstReplyDue) : null;
}
