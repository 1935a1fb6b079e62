import path from "node:path";
import { getPrisma } from "@helpline/db";
import { createCustomerRow } from "@helpline/db/testing";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { compileNative } from "../build-windows.ts";
import { switchableProxy, type SwitchableProxy } from "../src/testing/switchable-proxy.ts";
import {
  INSTALL_DIR,
  controlService,
  createWinePrefix,
  installService,
  keepWineRunning,
  linuxPath,
  removeWinePrefix,
  runUnderWine,
  waitForLog,
} from "./wine.ts";

// helpline-service.exe as the Windows service HelplineAgent under Wine's service manager, with the
// real helpline-agent.exe as its child and the real gateway behind a proxy the test can take down.
// A prefix of its own (a second machine): the service owns C:\ProgramData\Helpline there.
const { exe, serviceExe, server } = inject("windowsAgent");
let prefix: string;
let proxy: SwitchableProxy;
let stopHolder: () => Promise<void>;
const agentExe = `${INSTALL_DIR}\\helpline-agent.exe`;

beforeAll(async () => {
  prefix = createWinePrefix();
  proxy = await switchableProxy(server);
  stopHolder = keepWineRunning(prefix);
}, 240_000);

afterAll(async () => {
  await controlService(prefix, "stop");
  await stopHolder();
  removeWinePrefix(prefix);
  await proxy.close();
});

it(
  "runs the agent, restarts it when killed (a ticket typed while the server was down arrives once), vouches for trays and stops it",
  { timeout: 420_000 },
  async () => {
    const logs = linuxPath(prefix, "C:\\ProgramData\\Helpline\\logs");
    const serviceLog = path.join(logs, "service.log");
    const agentLog = path.join(logs, "agent.log");
    const customer = await createCustomerRow();
    await installService(prefix, [serviceExe, exe]);
    const enrolled = await runUnderWine(prefix, agentExe, [
      "enroll",
      "--server",
      proxy.url,
      "--install-key",
      customer.installKey,
    ]);
    expect(enrolled, enrolled.output).toMatchObject({ code: 0 });
    const device = await getPrisma().device.findFirstOrThrow({ where: { customerId: customer.id } });
    // helpline-service.exe --hardware-id read Wine's SMBIOS table for the agent (no PowerShell).
    expect(device.hardwareId).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const started = await controlService(prefix, "start");
    expect(started, started.output).toMatchObject({ code: 0, output: expect.stringContaining("started successfully") });
    const first = await waitForLog(serviceLog, /Started the agent \(process (\d+)\)/, 30_000);
    // Wine enumerates no sessions; the service asks for the console session instead (README).
    const signedIn = await waitForLog(agentLog, /Signed in: (\S+\\\S+) \(session (\d+), console\)/, 30_000);
    const [, profile, session] = signedIn.match;
    const checkedIn = await until(
      () => getPrisma().device.findUniqueOrThrow({ where: { id: device.id }, include: { currentProfile: true } }),
      (row) => row.currentProfile?.name === profile,
      60_000,
      "the first check-in from the service's agent",
    );
    console.log(`Service under Wine: agent running, signed in ${profile} (session ${session}, console)`);

    // Two trays: one claims another user and is refused; one is who Windows says it is.
    const client = compileNative(
      path.join(import.meta.dirname, "testing", "pipe-client.c"),
      path.join(linuxPath(prefix, INSTALL_DIR), "pipe-client.exe"),
      ["secur32"],
    );
    const impostor = await runUnderWine(prefix, client, ["OTHER\\mallory"]);
    expect(impostor.output).toMatch(/received: refused\tthe claimed profile is not this connection's Windows user/);
    await waitForLog(serviceLog, /Refused a tray claiming to be OTHER\\mallory: Windows says its user is \S+/, 5_000);
    const tray = await runUnderWine(prefix, client, []);
    expect(tray.output).toContain("connected");
    expect(tray.output).not.toContain("refused");
    await waitForLog(
      agentLog,
      new RegExp(`Tray \\d+ connected for ${escape(profile!)} \\(session ${session}\\)`),
      5_000,
    );
    await waitForLog(agentLog, /Tray \d+ disconnected/, 5_000);

    // The helpdesk is active for the profile, with a contact: its tickets are accepted.
    const contact = await getPrisma().contact.create({
      data: { customerId: customer.id, email: `wine-${device.id}@example.test`, fullName: "Wine User" },
    });
    await getPrisma().deviceProfile.update({
      where: { id: checkedIn.currentProfileId! },
      data: { helpdeskActive: true, contactId: contact.id },
    });

    // The server goes down and the agent is killed; a ticket typed now is only queued.
    proxy.down();
    const seenBeforeKill = (await getPrisma().device.findUniqueOrThrow({ where: { id: device.id } })).lastSeenAt;
    const killed = await runUnderWine(prefix, "taskkill", ["/f", "/im", "helpline-agent.exe"]);
    expect(killed.code, killed.output).toBe(0);
    const exited = await waitForLog(
      serviceLog,
      /The agent exited \(exit code \d+\); restarting it in 1 s/,
      15_000,
      first.end,
    );
    const title = `Typed while the server was down ${Date.now()}`;
    const typed = await runUnderWine(prefix, agentExe, [
      "ticket",
      "--title",
      title,
      "--description",
      "Queued under Wine.",
    ]);
    expect(typed, typed.output).toMatchObject({ code: 0, output: expect.stringContaining("ticket saved") });
    const restarted = await waitForLog(serviceLog, /Started the agent \(process (\d+)\)/, 15_000, exited.end);
    expect(restarted.match[1]).not.toBe(first.match[1]);

    proxy.up();
    const tickets = () => getPrisma().ticket.count({ where: { deviceId: device.id, title } });
    await until(tickets, (count) => count >= 1, 90_000, "the queued ticket to arrive");
    await until(
      () => getPrisma().device.findUniqueOrThrow({ where: { id: device.id } }),
      (row) => row.lastSeenAt > seenBeforeKill,
      60_000,
      "a check-in from the restarted agent",
    );
    // Time for a would-be duplicate to land.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await tickets()).toBe(1);

    const stopped = await controlService(prefix, "stop");
    expect(stopped, stopped.output).toMatchObject({ code: 0, output: expect.stringContaining("stopped successfully") });
    await waitForLog(agentLog, /The service asked the agent to stop\./, 5_000);
    await waitForLog(serviceLog, /The agent stopped \(exit code 0\)\s+\S+ Service stopped/, 5_000, restarted.end);
  },
);

/** `pattern` text as a RegExp source that matches it literally. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Polls `read` every 500 ms until `done` holds for its value (returned); throws after `timeoutMs`. */
async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
