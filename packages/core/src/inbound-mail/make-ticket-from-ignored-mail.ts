import { technicianAuditActor } from "../audit/record-audit-event.ts";
import { getPrisma } from "@helpline/db";
import type { TechnicianActor } from "../actor.ts";
import { DomainError } from "../errors.ts";
import { createMailTicket } from "./create-mail-ticket.ts";
import type { TInboundMailRef } from "./inbound-mail-input.ts";
import { findSenderContact } from "./mail-sender.ts";
import { parseInboundMail } from "./parse-inbound-mail.ts";

/**
 * Settings ▸ Email ▸ Ignored mail ▸ Make a ticket (any technician): the ignored mail becomes a
 * ticket, for the sender's customer when the address is a contact by now, else in Unassigned
 * customers. Never mails anyone: the sender was not answered when the mail came, and a technician
 * picking it up later does not change that. Atomic: the mail's outcome moves from `ignored` to
 * `created` in one conditional update, so two clicks at once make one ticket and the other gets
 * 409 `already_made`. 404 `not_found` for no such ignored mail; 422 `unreadable` when its
 * original was not kept or cannot be read.
 */
export async function makeTicketFromIgnoredMail(options: {
  actor: TechnicianActor;
  input: TInboundMailRef;
}): Promise<{ number: number }> {
  const { actor, input } = options;
  const prisma = getPrisma();
  const mail = await prisma.inboundMail.findUnique({
    where: { id: input.inboundMailId },
    select: { id: true, outcome: true, raw: true, fromAddress: true, fromName: true },
  });
  if (!mail) throw new DomainError("not_found", "This mail is not in Ignored mail any more.", 404);
  if (mail.outcome !== "ignored") throw alreadyMade();
  if (!mail.raw) throw new DomainError("unreadable", "The original of this mail was not kept.", 422);
  const parsed = await parseInboundMail(Buffer.from(mail.raw), { maxBytes: Number.MAX_SAFE_INTEGER }).catch(() => {
    throw new DomainError("unreadable", "This mail could not be read again.", 422);
  });
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.inboundMail.updateMany({
      where: { id: mail.id, outcome: "ignored" },
      data: { outcome: "created" },
    });
    if (claimed.count === 0) throw alreadyMade();
    const contact = mail.fromAddress ? await findSenderContact(tx, mail.fromAddress) : null;
    const ticket = await createMailTicket(tx, {
      parsed,
      customerId: contact?.customerId ?? null,
      contact,
      requester: contact || !mail.fromAddress ? null : { email: mail.fromAddress, name: mail.fromName },
      followUpOfId: null,
      actor: technicianAuditActor(actor),
      auditData: { fromIgnoredMail: mail.id },
    });
    await tx.inboundMail.update({ where: { id: mail.id }, data: { ticketId: ticket.id } });
    return { number: ticket.number };
  });
}

function alreadyMade(): DomainError {
  return new DomainError("already_made", "This mail has already become a ticket.", 409);
}
