import { getPrisma } from "@helpline/db";
import { notifyDeviceChanged } from "./device-channel.ts";

/**
 * Records the hardware id an agent reports for a device that has none yet (enrolled by an agent
 * that sent none, or could not read it then): the first machine to report one keeps the device,
 * and from then on its tokens work only from that hardware. One conditional UPDATE, so of two
 * machines reporting at once exactly one wins. `deviceId` is the device the caller's token names.
 * Returns the hardware id the device has afterwards: the caller's, or the one recorded first.
 */
export async function claimDeviceHardware(options: { deviceId: string; hardwareId: string }): Promise<string | null> {
  return getPrisma().$transaction(async (tx) => {
    const claimed = await tx.device.updateMany({
      where: { id: options.deviceId, hardwareId: null },
      data: { hardwareId: options.hardwareId },
    });
    // Every process drops its cached copy, which still says "no hardware id".
    if (claimed.count === 1) await notifyDeviceChanged(tx, [options.deviceId]);
    const device = await tx.device.findUnique({ where: { id: options.deviceId }, select: { hardwareId: true } });
    return device?.hardwareId ?? null;
  });
}
