import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { bumpHelpdeskState } from "../helpdesk/bump-helpdesk-state.ts";
import type { TSetCustomerLanguageInput } from "./language-input.ts";

/**
 * Customer page ▸ Language ▸ Save (admins, like the customer's SLA): the language of this
 * customer's contacts who have none of their own, or `language: null` for the MSP's default.
 * Contacts with a language (chosen, or reported by Windows) keep it. Audited `customer.language`.
 * The customer's devices are bumped in the same transaction, so their agents speak the new default
 * at their next answer.
 * Throws 403 for a technician, 404 when the customer is gone.
 */
export async function setCustomerLanguage(options: {
  actor: TechnicianActor;
  input: TSetCustomerLanguageInput;
}): Promise<void> {
  requireAdmin(options.actor);
  const { customerId, language } = options.input;
  await getPrisma().$transaction(async (tx) => {
    const { count } = await tx.customer.updateMany({ where: { id: customerId }, data: { language } });
    if (count === 0) throw new DomainError("not_found", "This customer no longer exists.", 404);
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "customer.language",
      subject: `customer:${customerId}`,
      data: { language },
    });
    const devices = await tx.device.findMany({ where: { customerId }, select: { id: true } });
    await bumpHelpdeskState(
      tx,
      devices.map((device) => device.id),
    );
  });
}
