import { applyHelpdeskAction } from "@helpline/core";
import { createCustomerRow, createTechnicianRow, enrollBody } from "@helpline/db/testing";
import { ZCheckinResponse, ZEnrollResponse } from "@helpline/protocol";
import { expect, it } from "vitest";
import { withGatewayOnScratchDatabase } from "../testing/with-gateway-on-scratch-database.ts";

// Two processes on one PostgreSQL. The agent long-polls a gateway in a child process; the
// technician's Apply runs in this process; only NOTIFY can carry the wake-up across.
it(
  "Apply in one process wakes an agent long-polling another process, which learns it is active",
  { timeout: 90_000 },
  () =>
    withGatewayOnScratchDatabase({ label: "r5", ports: { from: 3700, to: 3849 } }, async (gateway) => {
      const base = gateway.base;
      const customer = await createCustomerRow();
      const enrolled = await fetch(`${base}/api/agent/v1/enroll`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(enrollBody(customer.installKey)),
      });
      const { deviceId, agentToken } = ZEnrollResponse.parse(await enrolled.json());

      const checkin = (extra: object) =>
        fetch(`${base}/api/agent/v1/checkin`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${agentToken}` },
          body: JSON.stringify({
            agentVersion: "1.0.0",
            hostname: "PC-WAKE",
            os: { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" },
            currentProfile: { name: "CONTOSO\\alice" },
            ...extra,
          }),
        });
      expect((await checkin({})).status).toBe(200);
      const held = checkin({ waitSeconds: 30, knownStateVersion: 1 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const technician = await createTechnicianRow();
      const applied = await applyHelpdeskAction({
        actor: { id: technician.id, role: "technician" },
        input: { action: "activate", selection: { kind: "devices", deviceIds: [deviceId] } },
        mode: "bulk",
      });
      const appliedAt = Date.now();
      expect(applied.counts.activated).toBe(1);
      const response = ZCheckinResponse.parse(await (await held).json());
      // Woken, not held to the end of its 30 s wait (the 2 s bar itself is measured by `npm run bench -- reach`).
      expect(Date.now() - appliedAt).toBeLessThan(10_000);
      expect(response).toMatchObject({ stateVersion: 2, helpdesk: { active: true } });
    }),
);
