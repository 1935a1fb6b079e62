import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { generateInstallKey } from "./generate-install-key.ts";
import type { TCustomerRef } from "./customer-input.ts";

/** The old key stops enrolling at once; devices already enrolled keep their own tokens. */
export async function rotateInstallKey(options: { actor: TechnicianActor; input: TCustomerRef }) {
  requireAdmin(options.actor);
  return getPrisma().$transaction(async (tx) => {
    const { count } = await tx.customer.updateMany({
      where: { id: options.input.customerId },
      data: { installKey: generateInstallKey(), installKeyRotatedAt: new Date() },
    });
    if (count === 0) throw new DomainError("not_found", "This customer does not exist.", 404);
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "customer.install_key_rotated",
      subject: `customer:${options.input.customerId}`,
    });
  });
}
