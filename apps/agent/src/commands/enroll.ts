import { AgentClient } from "../agent-client.ts";
import { writeState } from "../state-store.ts";
import { readInventory } from "../system/inventory.ts";
import { readMachineId } from "../system/machine-id.ts";
import { AGENT_VERSION } from "../version.ts";

export async function enrollCommand(options: { server: string; installKey: string; stateDir: string }): Promise<number> {
  const inventory = readInventory();
  const machineId = readMachineId(options.stateDir);
  const client = new AgentClient(options.server);
  const { deviceId, agentToken } = await client.enroll({ installKey: options.installKey, machineId, hostname: inventory.hostname, os: inventory.os, agentVersion: AGENT_VERSION });
  writeState(options.stateDir, {
    server: options.server,
    deviceId,
    agentToken,
    machineId,
    enrolledAt: new Date().toISOString(),
    lastCheckinAt: null,
    stateVersion: null,
    currentProfile: inventory.currentProfile,
    helpdesk: null,
  });
  console.log(`Enrolled ${inventory.hostname} with ${options.server} (device ${deviceId}).`);
  return 0;
}
