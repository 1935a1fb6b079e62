import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getPrisma } from "@helpline/db";
import { createCustomerRow } from "@helpline/db/testing";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { buildInstaller, productCodeFor, type InstallerPrograms } from "../build-msi.ts";
import { buildWindowsService, buildWindowsTray, compileNative } from "../build-windows.ts";
import { AGENT_VERSION } from "../src/version.ts";
import { createWinePrefix, findWineProcess, removeWinePrefix, runUnderWine } from "./wine.ts";

// helpline-agent.msi under Wine, as an MSP deploys it: a silent install with SERVER_URL and
// INSTALL_KEY, the service's first start enrolling the device with the real gateway, an upgrade
// that keeps the enrollment, uninstall, bad input, and an install that fails and rolls back.
// A prefix of its own: the MSI owns C:\ProgramData\Helpline here.
const { exe, server } = inject("windowsAgent");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-msi-"));
let prefix = "";
let programs: InstallerPrograms;
const msi = (version: string) => path.join(work, version, "helpline-agent.msi");
const drive = (...parts: string[]) => path.join(prefix, "drive_c", ...parts);
const installDir = () => drive("Program Files", "Helpline");
const dataDir = () => drive("ProgramData", "Helpline");
const windowsPath = (file: string) => `Z:${file.replaceAll("/", "\\")}`;

/** `wine msiexec …` with a verbose log; the log's text comes back with the exit code. */
async function msiexec(...args: string[]) {
  const log = path.join(work, `msiexec-${Date.now()}.log`);
  const run = await runUnderWine(prefix, "msiexec", [...args, "/l*v", windowsPath(log)], 300_000);
  // Windows Installer writes its log in UTF-16.
  const text = fs.existsSync(log)
    ? fs.readFileSync(log).toString(fs.readFileSync(log)[0] === 0xff ? "utf16le" : "utf8")
    : "";
  return { code: run.code, log: text };
}

/** `reg query` of one value under HKLM, or null when it is not there. */
async function registryValue(key: string, name: string): Promise<string | null> {
  const run = await runUnderWine(prefix, "reg", ["query", `HKLM\\${key}`, "/v", name], 60_000);
  const line = run.output.split(/\r?\n/).find((candidate) => candidate.trim().startsWith(name));
  return run.code === 0 && line ? (line.trim().split(/\s+REG_\w+\s+/)[1] ?? "") : null;
}

async function serviceState(): Promise<string> {
  const run = await runUnderWine(prefix, "sc", ["query", "HelplineAgent"], 60_000);
  return /STATE\s*:\s*\d+\s+(\w+)/.exec(run.output)?.[1] ?? `absent (${run.output.trim().split("\n").pop()})`;
}

async function until<T>(what: string, seconds: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Uninstalls `version`, and waits until its service host and agent have exited (a next install needs them gone). */
async function uninstall(version: string, ...properties: string[]) {
  const run = await msiexec("/x", productCodeFor(version), "/qn", ...properties);
  await until("the service and agent exited", 30, async () =>
    ["helpline-service.exe", "helpline-agent.exe"].every((exe) => findWineProcess(prefix, exe) === null),
  );
  return run;
}

/** A customer made for the test, and this build installed silently with the gateway's address and its key. */
async function installForNewCustomer() {
  const customer = await createCustomerRow();
  const install = await msiexec(
    "/i",
    windowsPath(msi(AGENT_VERSION)),
    "/qn",
    `SERVER_URL=${server}`,
    `INSTALL_KEY=${customer.installKey}`,
  );
  expect(install.code, install.log.slice(-3000)).toBe(0);
  return customer;
}

const agentStatus = () => runUnderWine(prefix, path.join(installDir(), "helpline-agent.exe"), ["status"]);
const agentLog = () => {
  const file = path.join(dataDir(), "logs", "agent.log");
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
};

beforeAll(() => {
  // Copies: the build signs in place, and the shared .exe must stay as the other Wine tests built it.
  const copy = (file: string) => {
    const target = path.join(work, path.basename(file));
    fs.copyFileSync(file, target);
    return target;
  };
  programs = { agent: copy(exe), service: copy(buildWindowsService()), tray: copy(buildWindowsTray()) };
  prefix = createWinePrefix();
}, 600_000);

afterAll(() => {
  if (prefix) removeWinePrefix(prefix);
  fs.rmSync(work, { recursive: true, force: true });
});

it("signs the three programs and the MSI with the given certificate (osslsigncode verify)", () => {
  const cert = path.join(work, "cert.pem");
  const key = path.join(work, "key.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=Helpline Test Signing",
      "-keyout",
      key,
      "-out",
      cert,
    ],
    { stdio: "ignore" },
  );
  buildInstaller({ version: AGENT_VERSION, programs, out: msi(AGENT_VERSION), signing: { cert, key } });
  for (const file of [...Object.values(programs), msi(AGENT_VERSION)]) {
    // The throw-away certificate is its own root: given as the trusted CA, the chain verifies, and
    // the digest osslsigncode computes must be the one signed.
    const output = execFileSync("osslsigncode", ["verify", "-CAfile", cert, "-in", file], { encoding: "utf8" });
    expect(output, file).toContain("Subject: /CN=Helpline Test Signing");
    expect(output, file).toContain("Text description: Helpline Agent");
    expect(output, file).toMatch(/Message digest algorithm\s*: SHA256/);
    expect(output, file).toMatch(/Signature verification: ok/);
  }
  const table = (name: string) => execFileSync("msiinfo", ["export", msi(AGENT_VERSION), name], { encoding: "utf8" });
  expect(table("ServiceInstall")).toMatch(/HelplineAgent\tHelplineAgent\tHelpline Agent\t16\t2\t/);
  expect(table("Property")).toContain(`ProductCode\t${productCodeFor(AGENT_VERSION)}`);
  expect(table("Property")).toMatch(/SecureCustomProperties\t.*SERVER_URL;INSTALL_KEY;KEEP_DATA/);
  expect(table("Registry")).toContain("SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\tHelplineTray");
  // Uninstall and upgrade end every program of the install, the users' trays included (files in use).
  expect(table("CustomAction")).toMatch(
    /EndAgent\t\d+\tTASKKILL_EXE\t\/f \/im helpline-agent\.exe \/im helpline-service\.exe \/im helpline-tray\.exe/,
  );
  // 3442: a rollback action in the script, not impersonated (wixl alone would make it immediate).
  expect(table("CustomAction")).toMatch(
    /UnmarkUpgradeOnRollback\t3442\tREG_EXE\tdelete HKLM\\SOFTWARE\\Helpline \/v Upgrading/,
  );
});

it(
  "installs silently, and the service's first start enrolls the device under the right customer within 30 s",
  { timeout: 400_000 },
  async () => {
    const customer = await installForNewCustomer();
    for (const program of ["helpline-agent.exe", "helpline-service.exe", "helpline-tray.exe"])
      expect(fs.existsSync(path.join(installDir(), program)), program).toBe(true);
    expect(await registryValue("SOFTWARE\\Helpline", "ServerUrl")).toBe(server);
    expect(await registryValue("SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run", "HelplineTray")).toBe(
      '"C:\\Program Files\\Helpline\\helpline-tray.exe"',
    );
    expect(await serviceState()).toBe("RUNNING");
    const started = Date.now();
    const device = await until("the device under its customer", 30, () =>
      getPrisma().device.findFirst({ where: { customerId: customer.id } }),
    );
    console.log(
      `MSI install → device in the console: ${((Date.now() - started) / 1000).toFixed(1)} s after msiexec returned`,
    );
    expect(device).toMatchObject({ osPlatform: "windows", agentVersion: AGENT_VERSION });
    const status = await agentStatus();
    expect(status.output).toContain("Enrolled: yes");
  },
);

it(
  "uninstall removes the service, the Run value, the binaries and, without KEEP_DATA=1, the data",
  { timeout: 400_000 },
  async () => {
    const removed = await uninstall(AGENT_VERSION);
    expect(removed.code, removed.log.slice(-3000)).toBe(0);
    expect(await serviceState()).toMatch(/^absent/);
    expect(await registryValue("SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run", "HelplineTray")).toBeNull();
    expect(fs.existsSync(path.join(installDir(), "helpline-agent.exe"))).toBe(false);
    // Not asked to keep it: the enrollment and queue go with the agent.
    expect(fs.existsSync(dataDir())).toBe(false);
  },
);

it.each([
  ["a refused install key", () => server, () => "not-a-key", "refused the install key"],
  [
    "an unreachable server",
    () => "http://127.0.0.1:9",
    async () => (await createCustomerRow()).installKey,
    "could not be reached",
  ],
  [
    "a SERVER_URL that is not http(s)",
    () => "ftp://helpdesk.example.com",
    () => "any",
    "SERVER_URL is not an http(s) address",
  ],
  ["no SERVER_URL", () => "", () => "any", "the installer was not given SERVER_URL"],
])(
  "%s: the install completes, the service logs one clear line and status says what is wrong",
  { timeout: 400_000 },
  async (_, url, key, problem) => {
    const install = await msiexec(
      "/i",
      windowsPath(msi(AGENT_VERSION)),
      "/qn",
      // Left out when empty, as an MSP who forgot it would.
      ...(url() ? [`SERVER_URL=${url()}`] : []),
      `INSTALL_KEY=${await key()}`,
      "KEEP_DATA=1",
    );
    expect(install.code, install.log.slice(-3000)).toBe(0);
    await until(`"${problem}" in agent.log`, 60, async () => agentLog().includes(problem));
    const status = await agentStatus();
    expect(status.output).toContain("Enrolled: no");
    expect(status.output).toContain(`Not enrolled yet: `);
    expect(status.output).toContain(problem);
    const removed = await uninstall(AGENT_VERSION, "KEEP_DATA=1");
    expect(removed.code, removed.log.slice(-3000)).toBe(0);
    // KEEP_DATA=1: the state directory (and its log) stays; the next case starts from a clean one.
    expect(fs.existsSync(path.join(dataDir(), "enroll-failure.json"))).toBe(true);
    fs.rmSync(dataDir(), { recursive: true, force: true });
  },
);

it("an install whose service cannot start rolls back: nothing is left", { timeout: 400_000 }, async () => {
  // A program that is not a service: the Service Control Manager's start fails, and with
  // ServiceControl Wait="yes" so does the install.
  const source = path.join(work, "not-a-service.c");
  fs.writeFileSync(source, "int wmain(void) { return 0; }\n");
  const notAService = compileNative(source, path.join(work, "not-a-service.exe"), []);
  buildInstaller({
    version: AGENT_VERSION,
    programs: { ...programs, service: notAService },
    out: msi("broken"),
    signing: null,
  });
  const install = await msiexec("/i", windowsPath(msi("broken")), "/qn", `SERVER_URL=${server}`, "INSTALL_KEY=x");
  expect(install.code).not.toBe(0);
  expect(fs.existsSync(path.join(installDir(), "helpline-agent.exe"))).toBe(false);
  expect(await serviceState()).toMatch(/^absent/);
  expect(await registryValue("SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run", "HelplineTray")).toBeNull();
  expect(await registryValue("SOFTWARE\\Helpline", "ServerUrl")).toBeNull();
});

it("a failed upgrade leaves no upgrade mark behind", { timeout: 400_000 }, async () => {
  await installForNewCustomer();
  const source = path.join(work, "not-a-service.c");
  fs.writeFileSync(source, "int wmain(void) { return 0; }\n");
  const notAService = compileNative(source, path.join(work, "not-a-service.exe"), []);
  const next = "1.0.98";
  buildInstaller({ version: next, programs: { ...programs, service: notAService }, out: msi(next), signing: null });
  const upgrade = await msiexec("/i", windowsPath(msi(next)), "/qn");
  expect(upgrade.code).not.toBe(0);
  expect(await registryValue("SOFTWARE\\Helpline", "Upgrading")).toBeNull();
  expect(upgrade.log).toContain("UnmarkUpgradeOnRollback");
  await uninstall(AGENT_VERSION);
  fs.rmSync(dataDir(), { recursive: true, force: true });
});

it(
  "an upgrade to a newer build keeps the enrollment, the saved server and the service",
  { timeout: 400_000 },
  async () => {
    await installForNewCustomer();
    const stateFile = path.join(dataDir(), "agent.json");
    await until("the enrollment", 30, async () => fs.existsSync(stateFile));
    const before = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { deviceId: string };
    const next = "1.0.99";
    buildInstaller({ version: next, programs, out: msi(next), signing: null });
    // No SERVER_URL / INSTALL_KEY this time: the ones saved by the first install stay.
    const upgrade = await msiexec("/i", windowsPath(msi(next)), "/qn");
    expect(upgrade.code, upgrade.log.slice(-3000)).toBe(0);
    expect(await registryValue("SOFTWARE\\Helpline", "ServerUrl")).toBe(server);
    const after = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { deviceId: string };
    expect(after.deviceId).toBe(before.deviceId);
    expect(await until("the service running again", 30, async () => (await serviceState()) === "RUNNING")).toBe(true);
    const removed = await uninstall(next);
    expect(removed.code, removed.log.slice(-3000)).toBe(0);
  },
);
