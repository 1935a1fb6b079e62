import { getPrisma } from "@helpline/db";
import type { TEnrollRequest } from "@helpline/protocol";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { DomainError } from "../errors.ts";
import { generateSecret, hashSecret } from "../secrets.ts";
import { notifyDeviceChanged } from "./device-channel.ts";

export type EnrollResult = { created: boolean; deviceId: string; agentToken: string };

/**
 * Enrolls a machine under the customer whose install key it presents. The same machineId under the
 * same customer is the same device: it gets a new token and the old one stops working.
 */
export async function enrollDevice(request: TEnrollRequest): Promise<EnrollResult> {
  const agentToken = generateSecret();
  const agentTokenHash = hashSecret(agentToken);
  const inventory = {
    hostname: request.hostname,
    osPlatform: request.os.platform,
    osName: request.os.name,
    osVersion: request.os.version,
    osKind: request.os.kind,
    agentVersion: request.agentVersion,
    lastSeenAt: new Date(),
  };
  return getPrisma().$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { installKey: request.installKey }, select: { id: true } });
    if (!customer) throw new DomainError("invalid_install_key", "This install key is not valid. Copy the current key from the customer's page.", 401);
    const existing = await tx.device.findUnique({
      where: { customerId_machineId: { customerId: customer.id, machineId: request.machineId } },
      select: { id: true },
    });
    const device = existing
      ? await tx.device.update({ where: { id: existing.id }, data: { ...inventory, agentTokenHash }, select: { id: true } })
      : await tx.device.create({ data: { ...inventory, agentTokenHash, customerId: customer.id, machineId: request.machineId }, select: { id: true } });
    await recordAuditEvent(tx, {
      actor: { type: "system" },
      action: existing ? "device.re_enrolled" : "device.enrolled",
      subject: `device:${device.id}`,
      data: { customerId: customer.id, hostname: request.hostname },
    });
    // Other processes drop what they cached for this device (its old token among it).
    if (existing) await notifyDeviceChanged(tx, [device.id]);
    return { created: !existing, deviceId: device.id, agentToken };
  });
}
