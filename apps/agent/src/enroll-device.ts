import { AgentClient } from "./agent-client.ts";
import { readState, writeState } from "./state-store.ts";
import { readInventory } from "./system/inventory.ts";
import { readMachineId } from "./system/machine-id.ts";
import { thisMachine } from "./system/this-machine.ts";
import { AGENT_VERSION } from "./version.ts";

/**
 * Enrolls this machine with a customer's install key. Enrolling again on a machine already
 * enrolled with that server presents its current token, which proves to the server that it is the
 * same device (otherwise a machine id it knows becomes a new device, flagged as a possible clone).
 * The install key is kept in the state file, so `run` can enroll again by itself if the server
 * ever refuses the token. Out: the line saying what was done. Throws ProtocolError (the server
 * refused, e.g. 401 invalid_install_key) or UnreachableError (no answer, or a 5xx).
 */
export async function enrollDevice(options: { server: string; installKey: string; stateDir: string }): Promise<string> {
  const inventory = readInventory();
  const machineId = readMachineId(options.stateDir);
  const previous = readState(options.stateDir);
  const previousAgentToken = previous && previous.server === options.server ? previous.agentToken : undefined;
  const client = new AgentClient(options.server);
  const { deviceId, agentToken } = await client.enroll({
    installKey: options.installKey,
    machineId,
    hostname: inventory.hostname,
    os: inventory.os,
    agentVersion: AGENT_VERSION,
    previousAgentToken,
    hardwareId: thisMachine().hardwareId,
  });
  writeState(options.stateDir, {
    server: options.server,
    deviceId,
    agentToken,
    installKey: options.installKey,
    machineId,
    enrolledAt: new Date().toISOString(),
    lastCheckinAt: null,
    stateVersion: null,
    currentProfile: inventory.currentProfile,
    helpdesk: null,
    tokenRefusal: null,
  });
  const again =
    previousAgentToken === undefined
      ? ""
      : previous?.deviceId === deviceId
        ? " again (same device)"
        : ` as a new device (it was device ${previous?.deviceId}; the server did not take it for the same machine)`;
  return `Enrolled ${inventory.hostname} with ${options.server}${again} (device ${deviceId}).`;
}
