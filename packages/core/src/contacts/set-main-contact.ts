import { getPrisma } from "@helpline/db";
import type { TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import type { TSetMainContactInput } from "./contact-input.ts";

/**
 * A main contact sees all of their customer's tickets in the Customer Portal, not only their own
 * Audited when it really changes: the update's guard is the check, so the same
 * toggle sent twice at once changes and audits once. `404 not_found` for an unknown contact.
 */
export async function setMainContact(options: { actor: TechnicianActor; input: TSetMainContactInput }) {
  const { contactId, isMainContact } = options.input;
  return getPrisma().$transaction(async (tx) => {
    const select = { fullName: true, email: true, customerId: true } as const;
    const [changed] = await tx.contact.updateManyAndReturn({
      where: { id: contactId, isMainContact: !isMainContact },
      data: { isMainContact },
      select,
    });
    if (!changed) {
      const contact = await tx.contact.findUnique({ where: { id: contactId }, select });
      if (!contact) throw new DomainError("not_found", "This contact does not exist.", 404);
      return { fullName: contact.fullName };
    }
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: isMainContact ? "contact.main_set" : "contact.main_unset",
      subject: `customer:${changed.customerId}`,
      data: { name: changed.fullName, email: changed.email },
    });
    return { fullName: changed.fullName };
  });
}
