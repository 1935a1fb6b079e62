import { getPrisma } from "@helpline/db";
import { z } from "zod";
import type { TechnicianActor } from "../actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";

export const ZSetMainContactInput = z.object({ contactId: z.uuid("Unknown contact."), isMainContact: z.boolean() });
export type TSetMainContactInput = z.infer<typeof ZSetMainContactInput>;

/** A main contact sees all of their customer's tickets in the Customer Portal, not only their own. */
export async function setMainContact(options: { actor: TechnicianActor; input: TSetMainContactInput }) {
  const { contactId, isMainContact } = options.input;
  return getPrisma().$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: contactId }, select: { fullName: true, email: true, customerId: true } });
    if (!contact) throw new DomainError("not_found", "This contact does not exist.", 404);
    await tx.contact.update({ where: { id: contactId }, data: { isMainContact } });
    await recordAuditEvent(tx, {
      actor: { type: "technician", id: options.actor.id },
      action: isMainContact ? "contact.main_set" : "contact.main_unset",
      subject: `customer:${contact.customerId}`,
      data: { name: contact.fullName, email: contact.email },
    });
    return { fullName: contact.fullName };
  });
}
