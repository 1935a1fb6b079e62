import type { Prisma } from "@helpline/db";
import { notifyDeviceChanged } from "../devices/device-channel.ts";

/**
 * Marks that these devices' agents have something new to learn: bumps their state version and
 * wakes their long-polls (in this process and, through NOTIFY, in every other one), on commit.
 */
export async function bumpHelpdeskState(tx: Prisma.TransactionClient, deviceIds: string[]): Promise<void> {
  if (deviceIds.length === 0) return;
  await tx.device.updateMany({ where: { id: { in: deviceIds } }, data: { helpdeskStateVersion: { increment: 1 } } });
  await notifyDeviceChanged(tx, deviceIds);
}
