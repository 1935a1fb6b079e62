import fs from "node:fs";
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
  windowsProcesses,
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

    // As the MSI leaves it: HKLM\SOFTWARE\Helpline under SOFTWARE's ACL (users may read).
    const key = await runUnderWine(prefix, "reg", [
      "add",
      "HKLM\\SOFTWARE\\Helpline",
      "/v",
      "Probe",
      "/d",
      "x",
      "/f",
      "/reg:64",
    ]);
    expect(key.code, key.output).toBe(0);
    const started = await controlService(prefix, "start");
    expect(started, started.output).toMatchObject({ code: 0, output: expect.stringContaining("started successfully") });
    const first = await waitForLog(serviceLog, /Started the agent \(process (\d+)\)/, 30_000);
    // The service set its own recovery actions. Wine's services.exe accepts and drops them (a FIXME,
    // and its sc.exe has no qfailure): this proves the call succeeds, not that Windows keeps them.
    await waitForLog(serviceLog, /Recovery actions set: restart after 5 s, 30 s, 60 s; reset after 1 day/, 5_000);
    // `status` asks the service host, which asks the SCM (QueryServiceStatus).
    const status = await runUnderWine(prefix, agentExe, ["status"]);
    expect(status.output).toContain("Service: HelplineAgent running");
    // Wine enumerates no sessions; the service asks for the console session instead (README).
    const signedIn = await waitForLog(agentLog, /Signed in: (\S+\\\S+) \(session (\d+), console\)/, 30_000);
    const [, profile, session] = signedIn.match;
    const checkedIn = await until(
      () => getPrisma().device.findUniqueOrThrow({ where: { id: device.id }, include: { currentProfile: true } }),
      (row) => row.currentProfile?.name === profile,
      60_000,
      "the first check-in from the service's agent",
    );
    // The check-in listed every signed-in profile, with the console flag, from the sessions message.
    const listed = await getPrisma().deviceProfile.findUniqueOrThrow({ where: { id: checkedIn.currentProfileId! } });
    expect(listed).toMatchObject({ signedIn: true, onConsole: true });
    console.log(`Service under Wine: agent running, signed in ${profile} (session ${session}, console)`);

    // `enroll` made the state dir with %ProgramData%'s ACL (users may read); the service made it
    // private. Wine accepts a folder's new DACL and drops it (probed: it reads back the one it
    // derives from the Unix mode), so for the folder only the call's success is provable here;
    // a key's DACL it keeps (without the protected flag, which it does not report).
    await waitForLog(
      serviceLog,
      /C:\\ProgramData\\Helpline and its logs are private to SYSTEM and Administrators/,
      5_000,
    );
    await waitForLog(serviceLog, /HKLM\\SOFTWARE\\Helpline is private to SYSTEM and Administrators/, 5_000);
    const probe = compileNative(
      path.join(import.meta.dirname, "testing", "acl-probe.c"),
      path.join(linuxPath(prefix, INSTALL_DIR), "acl-probe.exe"),
      ["advapi32"],
    );
    const keyAcl = await runUnderWine(prefix, probe, ["key", "MACHINE\\SOFTWARE\\Helpline"]);
    expect(keyAcl.output.trim()).toMatch(/^O:BAD:P?(AI)?\(A;CI;KA;;;SY\)\(A;CI;KA;;;BA\)$/);

    // Two trays: one claims another user and is refused; one is who Windows says it is.
    const client = compileNative(
      path.join(import.meta.dirname, "testing", "pipe-client.c"),
      path.join(linuxPath(prefix, INSTALL_DIR), "pipe-client.exe"),
      ["secur32"],
    );
    // A client that never says hello is let go after 10 s (checked at the end of this section).
    const silentRun = runUnderWine(prefix, client, ["--silent"]);
    const impostor = await runUnderWine(prefix, client, ["OTHER\\mallory"]);
    expect(impostor.output).toMatch(/received: refused\tthe claimed profile is not this connection's Windows user/);
    await waitForLog(serviceLog, /Refused a tray claiming to be OTHER\\mallory: Windows says its user is \S+/, 5_000);
    const trayRun = runUnderWine(prefix, client, []);
    // The agent checks in as soon as a tray comes or goes: the server knows within seconds.
    const trayRunning = (running: boolean) =>
      until(
        () => getPrisma().deviceProfile.findUniqueOrThrow({ where: { id: checkedIn.currentProfileId! } }),
        (row) => row.trayRunning === running,
        7_000,
        `the server to record the tray as ${running ? "running" : "gone"}`,
      );
    await trayRunning(true);
    const tray = await trayRun;
    await trayRunning(false);
    expect(tray.output).toContain("connected");
    expect(tray.output).not.toContain("refused");
    // The agent's answer came back through the service: the menu, then the helpdesk state.
    expect(tray.output).toMatch(/received: menu\tadd-ticket\t\S[^\r\n]*\r?\n/);
    expect(tray.output).toMatch(/received: state\t0\t/);
    await waitForLog(
      agentLog,
      new RegExp(`Tray \\d+ connected for ${escape(profile!)} \\(session ${session}\\)`),
      5_000,
    );
    await waitForLog(agentLog, /Tray \d+ disconnected/, 5_000);
    const silent = await silentRun;
    expect(silent.output).toContain("closed by the service");
    expect(silent.seconds).toBeLessThan(14);
    await waitForLog(serviceLog, /A pipe client sent no valid hello within 10 s; closed/, 5_000);

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
    const stoppedLog = await waitForLog(
      serviceLog,
      /The agent stopped \(exit code 0\)\s+\S+ Service stopped/,
      5_000,
      restarted.end,
    );
    expect(await windowsProcesses(prefix)).not.toContain("helpline-agent.exe");

    // The service dies without a word: the agent ends with it, no orphan beside the next start's
    // agent. Two things see to that: the end of the agent's stdin (its channel's stop; enough
    // under Wine, checked with a build without the job) and, for an agent too stuck to read it,
    // the service's kill-on-close job object.
    expect(await controlService(prefix, "start")).toMatchObject({ code: 0 });
    await waitForLog(serviceLog, /Started the agent/, 30_000, stoppedLog.end);
    expect(await windowsProcesses(prefix)).toContain("helpline-agent.exe");
    const crashed = await runUnderWine(prefix, "taskkill", ["/f", "/im", "helpline-service.exe"]);
    expect(crashed.code, crashed.output).toBe(0);
    await until(
      () => windowsProcesses(prefix),
      (names) => !names.includes("helpline-agent.exe"),
      10_000,
      "the agent to end with the service",
    );
  },
);

it(
  "limits what one user's pipe clients can hold, and stops within 20 s whatever the trays do",
  { timeout: 300_000 },
  async () => {
    const serviceLog = path.join(linuxPath(prefix, "C:\\ProgramData\\Helpline\\logs"), "service.log");
    const from = fs.readFileSync(serviceLog, "utf8").length;
    expect(await controlService(prefix, "start")).toMatchObject({ code: 0 });
    await waitForLog(serviceLog, /Started the agent/, 30_000, from);
    const client = compileNative(
      path.join(import.meta.dirname, "testing", "pipe-client.c"),
      path.join(linuxPath(prefix, INSTALL_DIR), "pipe-client.exe"),
      ["secur32"],
    );
    const seconds = (output: string) => Number(/seconds: (\d+)/.exec(output)?.[1]);

    // A hello that trickles in, a byte a second, still has 10 s in all.
    const drip = await runUnderWine(prefix, client, ["--drip"]);
    expect(drip.output).toContain("closed by the service");
    expect(seconds(drip.output)).toBeLessThan(14);

    // A line over 12 MiB, or with a control character, ends the tray.
    const long = await runUnderWine(prefix, client, ["--line", "13"]);
    expect(long.output).toContain("closed by the service");
    const control = await runUnderWine(prefix, client, ["--control"]);
    expect(control.output).toContain("closed by the service");
    await waitForLog(serviceLog, /Tray \d+ sent a line with control characters; closing it/, 5_000, from);

    // At most 8 connections without a hello: a ninth is closed at once.
    const silent = await Promise.all(Array.from({ length: 9 }, () => runUnderWine(prefix, client, ["--silent"])));
    expect(silent.filter((run) => run.output.includes("closed by the service") && seconds(run.output) < 5)).not.toEqual(
      [],
    );
    await waitForLog(serviceLog, /8 pipe clients have not said hello yet; closed a new one/, 5_000, from);

    // At most 4 trays per user: the 64 slots are shared by every user of the machine.
    const five = await Promise.all(Array.from({ length: 5 }, () => runUnderWine(prefix, client, [])));
    expect(five.filter((run) => run.output.includes("refused\ttoo many trays of this user connected"))).not.toEqual([]);

    // A tray that reads nothing, one that sends an 11 MiB line, a third connecting: nothing waits
    // on anything else, and the service stops in time.
    const beforeTrays = fs.readFileSync(serviceLog, "utf8").length;
    const mute = runUnderWine(prefix, client, ["--mute"]);
    const big = runUnderWine(prefix, client, ["--line", "11"]);
    const third = runUnderWine(prefix, client, []);
    await waitForLog(serviceLog, /Tray \d+ connected[^]*Tray \d+ connected[^]*Tray \d+ connected/, 30_000, beforeTrays);
    const stopped = await controlService(prefix, "stop");
    expect(stopped, stopped.output).toMatchObject({ code: 0, output: expect.stringContaining("stopped successfully") });
    expect(stopped.seconds).toBeLessThan(20);
    await Promise.all([mute, big, third]);
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
