import { setDeviceHelpdesk } from "@helpline/core";
import { createCustomerRow, createTechnicianRow } from "@helpline/db/testing";
import { buildGateway } from "@helpline/gateway";
import { expect, it } from "vitest";
import { AgentClient } from "../agent-client.ts";
import { runCheckinLoop } from "../checkin-loop.ts";
import { EndUserSurfaces } from "./end-user-surfaces.ts";

const windowsWorkstation = () => ({
  hostname: "PC-ALICE",
  os: { platform: "windows" as const, name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" as const },
  ip: "10.0.0.12",
  currentProfile: { name: "CONTOSO\\alice", displayName: "Alice Martin" },
});

async function until<T>(read: () => T | null, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

it(
  "the agent opens its local page when the helpdesk is activated and closes it on deactivation, without a restart",
  { timeout: 60_000 },
  async () => {
    const gateway = await buildGateway();
    const server = await gateway.listen({ port: 0, host: "127.0.0.1" });
    const lines: string[] = [];
    const surfaces = new EndUserSurfaces({ log: (line) => lines.push(line) });
    const stop = new AbortController();
    let loop: Promise<void> = Promise.resolve();
    try {
      const customer = await createCustomerRow();
      const { deviceId, agentToken } = await new AgentClient(server).enroll({
        installKey: customer.installKey,
        machineId: `surfaces-${Date.now()}`,
        hostname: "PC-ALICE",
        os: windowsWorkstation().os,
        agentVersion: "1.0.0",
      });
      let checkins = 0;
      loop = runCheckinLoop({
        client: new AgentClient(server, agentToken),
        readInventory: windowsWorkstation,
        knownStateVersion: null,
        signal: stop.signal,
        onError: () => {},
        onCheckin: (response, inventory) => {
          checkins++;
          void surfaces.follow(response, inventory);
        },
      });
      await until(() => (checkins > 0 ? true : null));
      expect(surfaces.localPageUrl).toBeNull();

      const actor = { id: (await createTechnicianRow()).id, role: "technician" as const };
      await setDeviceHelpdesk({ actor, input: { deviceId, action: "activate" } });
      const url = await until(() => surfaces.localPageUrl);
      expect(lines).toContain(`Local page for CONTOSO\\alice: ${new URL(url).origin}/`);
      expect(lines.join("\n")).not.toContain(new URL(url).searchParams.get("s"));
      expect(await (await fetch(url)).text()).toContain("The helpdesk is on for Alice Martin");

      await setDeviceHelpdesk({ actor, input: { deviceId, action: "deactivate" } });
      await until(() => (surfaces.localPageUrl === null ? true : null));
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      stop.abort();
      await loop;
      await surfaces.stop();
      await gateway.close();
    }
  },
);
