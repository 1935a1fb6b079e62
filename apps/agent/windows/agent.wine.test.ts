import fs from "node:fs";
import path from "node:path";
import { getPrisma } from "@helpline/db";
import { createCustomerRow } from "@helpline/db/testing";
import { expect, inject, it } from "vitest";
import { runUnderWine } from "./wine.ts";

// helpline-agent.exe (build-windows.ts) under Wine against the real gateway on Linux: the Windows
// single executable enrolls, checks in and reports its state. One prefix for the whole file (one
// machine), so the steps follow on from each other.
const { exe, prefix, server } = inject("windowsAgent");
const agent = (...args: string[]) => runUnderWine(prefix, exe, args);
// The Windows default state directory (%ProgramData%\Helpline), seen from Linux.
const stateFile = path.join(prefix, "drive_c", "ProgramData", "Helpline", "agent.json");

it("enrolls, checks in once and reports itself enrolled, as a Windows device", { timeout: 240_000 }, async () => {
  const customer = await createCustomerRow();

  const enrolled = await agent("enroll", "--server", server, "--install-key", customer.installKey);
  expect(enrolled, enrolled.output).toMatchObject({
    code: 0,
    output: expect.stringMatching(/^Enrolled .+ \(device /m),
  });
  const device = await getPrisma().device.findFirstOrThrow({ where: { customerId: customer.id } });
  expect(device).toMatchObject({ osPlatform: "windows", agentVersion: "1.0.0" });
  // The state is where a Windows agent keeps it, written by the .exe.
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { deviceId: string; lastCheckinAt: string | null };
  expect(state).toMatchObject({ deviceId: device.id, lastCheckinAt: null });
  // No PowerShell: the SMBIOS ids come from helpline-service.exe --hardware-id beside the .exe
  // (Wine makes up a system UUID), the signed-in user is the one running it (DOMAIN\user).
  expect(enrolled.seconds).toBeLessThan(20);
  expect(device.hardwareId).toMatch(/^[A-Za-z0-9_-]{43}$/);
  console.log(
    `enroll under Wine: ${enrolled.seconds.toFixed(1)} s; ${device.osName} ${device.osVersion}, machine id ${device.machineId}`,
  );

  const seenBefore = device.lastSeenAt;
  const ran = await agent("run", "--once");
  expect(ran.code, ran.output).toBe(0);
  const checkedIn = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { lastCheckinAt: string | null };
  expect(checkedIn.lastCheckinAt).not.toBeNull();
  const after = await getPrisma().device.findUniqueOrThrow({
    where: { id: device.id },
    include: { currentProfile: true },
  });
  expect(after.lastSeenAt.getTime()).toBeGreaterThan(seenBefore.getTime());
  expect(after.currentProfile?.name).toMatch(/^[^\\]+\\[^\\]+$/);
  expect(ran.seconds).toBeLessThan(20);
  console.log(
    `run --once under Wine: ${ran.seconds.toFixed(1)} s; signed-in profile: ${after.currentProfile?.name ?? "none"}`,
  );

  const status = await agent("status");
  expect(status, status.output).toMatchObject({ code: 0, output: expect.stringContaining("Enrolled: yes") });
  expect(status.output).toContain(`Device: ${device.id}`);
  expect(status.output).toContain(`Server: ${server}`);
  expect(status.output).not.toContain("Last check-in: never");
});
