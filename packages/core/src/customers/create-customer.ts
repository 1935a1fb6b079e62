import { getPrisma } from "@helpline/db";
import type { TechnicianActor } from "../actor.ts";
import { recordAuditEvent, technicianAuditActor } from "../audit/record-audit-event.ts";
import { generateInstallKey } from "./generate-install-key.ts";
import type { TCreateCustomerInput } from "./customer-input.ts";

export async function createCustomer(options: { actor: TechnicianActor; input: TCreateCustomerInput }) {
  return getPrisma().$transaction(async (tx) => {
    const customer = await tx.customer.create({ data: { name: options.input.name, installKey: generateInstallKey() } });
    await recordAuditEvent(tx, {
      actor: technicianAuditActor(options.actor),
      action: "customer.created",
      subject: `customer:${customer.id}`,
      data: { name: customer.name },
    });
    return { id: customer.id, name: customer.name };
  });
}
