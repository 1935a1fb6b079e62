import { HEADER_MACHINE_ID } from "@helpline/protocol";
import { readHardwareId, hardwareIdFrom } from "./hardware-id.ts";
import { machineOverride } from "./inventory.ts";
import { osMachineId } from "./machine-id.ts";

/** What the agent presents with its token so the server can tell this machine from a clone. */
export type MachineIds = { machineId: string | null; hardwareId: string | null };

let fromOs: MachineIds | null = null;

// A machine id the header cannot carry is simply not presented (the body's may be any text).
const presentable = (machineId: string | null | undefined) =>
  machineId && HEADER_MACHINE_ID.test(machineId) ? machineId : null;

/**
 * This machine's ids as read from it now: the OS's machine id (null when only the state
 * directory's fallback id exists, or when it cannot travel in a header) and the hardware id. Read
 * once per process (on Windows the hardware id costs a helpline-service.exe start);
 * HELPLINE_AGENT_INVENTORY_FILE's values are re-read each time.
 */
export function thisMachine(): MachineIds {
  const override = machineOverride();
  if (override) {
    return {
      machineId: presentable(osMachineId()),
      hardwareId: override.hardwareId ? hardwareIdFrom(null, override.hardwareId) : null,
    };
  }
  fromOs ??= { machineId: presentable(osMachineId()), hardwareId: readHardwareId() };
  return fromOs;
}
