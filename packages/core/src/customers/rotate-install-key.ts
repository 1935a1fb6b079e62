import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { generateInstallKey } from "./generate-install-key.ts";
import type { TCustomerRef } from "./customer-input.ts";

/**
 * A new install key for the customer, returned with when it was made (UTC). Admins only (the
 * console offers Rotate to admins): DomainError `forbidden` (403) for a technician, `not_found`
 * (404) for an unknown customer. The old key stops enrolling at once; devices already enrolled keep
 * their own tokens.
 */
export async function rotateInstallKey(options: { actor: TechnicianActor; input: TCustomerRef }) {
  requireAdmin(options.actor);
  const rotatedAt = new Date();
  return getPrisma().$transaction(async (tx) => {
    const [rotated] = await tx.customer.updateManyAndReturn({
      where: { id: options.input.customerId },
      data: { installKey: generateInstallKey(), installKeyRotatedAt: rotatedAt },
      select: { installKey: true },
    });
    if (!rotated) throw new DomainError("not_found", "This customer does not exist.", 404);
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "customer.install_key_rotated",
      subject: `customer:${options.input.customerId}`,
    });
    return { installKey: rotated.installKey, installKeyRotatedAt: rotatedAt };
  });
}
