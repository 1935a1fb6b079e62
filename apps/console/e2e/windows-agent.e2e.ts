import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type TestInfo } from "@playwright/test";
import { buildInstaller } from "../../agent/build-msi.ts";
import { buildWindowsAgent, buildWindowsService, buildWindowsTray } from "../../agent/build-windows.ts";
import { AGENT_VERSION } from "../../agent/src/version.ts";
import { startWineDesktop, type WineDesktop } from "../../agent/windows/wine-desktop.ts";
import {
  createWinePrefix,
  findWineProcess,
  INSTALL_DIR,
  keepWineRunning,
  removeWinePrefix,
  runUnderWine,
} from "../../agent/windows/wine.ts";
import { E2E_AGENT_MSI } from "../playwright.config";
import { leftPanel, signInAsAdmin } from "./helpers";

// The Windows walk as a technician does it, against the server the suite starts: the console's
// Install agent panel gives the MSI and the silent-install command, the MSI is installed under
// Wine in a fresh prefix (a workstation of its own), the device shows up under its customer, the
// technician activates the Helpdesk Agent on its page, and the tray already running in the Wine
// desktop shows its icon without a restart. Runs only where Wine is (the "windows" project of
// playwright.config.ts). The Xvfb display is a free one Xvfb picks, unless HELPLINE_E2E_WINE_DISPLAY
// names one (to watch the walk with a VNC viewer attached to it).
const DISPLAY = process.env.HELPLINE_E2E_WINE_DISPLAY || undefined;

type Workstation = { prefix: string; desktop: WineDesktop | null; stopHolder: (() => Promise<void>) | null };
let workstation: Workstation | null = null;

const drive = (prefix: string, ...parts: string[]) => path.join(prefix, "drive_c", ...parts);
const windowsPath = (file: string) => `Z:${file.replaceAll("/", "\\")}`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The tray's own log (`%LOCALAPPDATA%\Helpline\tray.log` of the Wine user), or "" before it wrote one. */
function trayLog(prefix: string): string {
  const users = drive(prefix, "users");
  for (const user of fs.existsSync(users) ? fs.readdirSync(users) : []) {
    const file = path.join(users, user, "AppData", "Local", "Helpline", "tray.log");
    if (fs.existsSync(file)) return fs.readFileSync(file, "utf8");
  }
  return "";
}

/**
 * The MSI the console serves in this run (E2E_AGENT_MSI), from the programs `npm run build:windows`
 * builds (each rebuilt only when stale): the one in apps/agent/dist/windows when it is newer than
 * all three, else built here, unsigned.
 */
async function provideInstaller(): Promise<void> {
  const programs = { agent: await buildWindowsAgent(), service: buildWindowsService(), tray: buildWindowsTray() };
  const built = path.resolve(import.meta.dirname, "../../agent/dist/windows/helpline-agent.msi");
  const newest = Math.max(...Object.values(programs).map((file) => fs.statSync(file).mtimeMs));
  fs.mkdirSync(path.dirname(E2E_AGENT_MSI), { recursive: true });
  if (fs.existsSync(`${built}.json`) && (fs.statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0) > newest) {
    fs.copyFileSync(built, E2E_AGENT_MSI);
    fs.copyFileSync(`${built}.json`, `${E2E_AGENT_MSI}.json`);
  } else buildInstaller({ version: AGENT_VERSION, programs, out: E2E_AGENT_MSI, signing: null });
}

/** Attaches what the workstation wrote (tray, service, agent, msiexec), to read when the walk failed. */
async function attachLogs(prefix: string, testInfo: TestInfo): Promise<void> {
  await testInfo.attach("tray.log", { body: trayLog(prefix) || "(none)", contentType: "text/plain" });
  for (const name of ["service.log", "agent.log"]) {
    const file = drive(prefix, "ProgramData", "Helpline", "logs", name);
    if (fs.existsSync(file)) await testInfo.attach(name, { path: file, contentType: "text/plain" });
  }
  const msiLog = path.join(prefix, "msiexec.log");
  if (fs.existsSync(msiLog)) {
    // Windows Installer writes UTF-16 with a byte-order mark; Wine's msiexec, UTF-8.
    const bytes = fs.readFileSync(msiLog);
    const text = bytes.toString(bytes[0] === 0xff ? "utf16le" : "utf8");
    await testInfo.attach("msiexec.log", { body: text.slice(-20_000), contentType: "text/plain" });
  }
}

test.afterEach(async ({ browserName: _ }, testInfo) => {
  if (workstation) {
    const { prefix, desktop, stopHolder } = workstation;
    workstation = null;
    if (testInfo.status !== testInfo.expectedStatus) await attachLogs(prefix, testInfo);
    await stopHolder?.();
    await desktop?.stop();
    removeWinePrefix(prefix);
  }
  fs.rmSync(path.dirname(E2E_AGENT_MSI), { recursive: true, force: true });
});

test("Windows: the MSI from the Install agent panel installs under Wine, the technician activates the Helpdesk Agent, the tray shows its icon without a restart", async ({
  page,
  baseURL,
}, testInfo) => {
  // A fresh prefix (10–40 s), maybe the MSI to build, the install: minutes, not the suite's 30 s.
  test.setTimeout(480_000);
  await provideInstaller();
  const prefix = createWinePrefix();
  workstation = { prefix, desktop: null, stopHolder: null };
  workstation.desktop = await startWineDesktop(prefix, DISPLAY);
  const desktop = workstation.desktop;
  // Wine ends its services soon after the prefix's last ordinary program exits; Windows does not.
  workstation.stopHolder = keepWineRunning(prefix);

  // 1. A new customer; its Install agent panel: the MSI and the silent-install command.
  await signInAsAdmin(page);
  await leftPanel(page).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("button", { name: "New customer" }).click();
  const dialog = page.getByRole("dialog", { name: "New customer" });
  const customer = `Wine Workstations ${Date.now()}`;
  await dialog.getByLabel("Name").fill(customer);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { level: 1, name: customer })).toBeVisible();
  const panel = page.getByRole("region", { name: "Install agent" });
  const command = (await panel.getByLabel("Silent install command", { exact: true }).textContent()) ?? "";
  const serverUrl = /SERVER_URL="([^"]+)"/.exec(command)?.[1];
  const installKey = /INSTALL_KEY="([^"]+)"/.exec(command)?.[1];
  expect(serverUrl, command).toBe(baseURL);
  expect(installKey, command).toBeTruthy();
  const downloading = page.waitForEvent("download");
  await panel.getByRole("link", { name: "Download for Windows (.msi)" }).click();
  const msi = path.join(prefix, "helpline-agent.msi");
  await (await downloading).saveAs(msi);

  // 2. The silent install, as the panel says; then the tray, as the HKLM Run entry starts it at logon.
  const install = await runUnderWine(
    prefix,
    "msiexec",
    [
      "/i",
      windowsPath(msi),
      "/qn",
      `SERVER_URL=${serverUrl}`,
      `INSTALL_KEY=${installKey}`,
      "/l*v",
      windowsPath(path.join(prefix, "msiexec.log")),
    ],
    300_000,
  );
  expect(install.code, install.output).toBe(0);
  const installed = Date.now();
  desktop.start(`${INSTALL_DIR}\\helpline-tray.exe`, [], { logFile: path.join(prefix, "tray-console.log") });

  // 3. The device appears under its customer within 30 s; the technician opens it.
  const hostname = new RegExp(`^${escapeRegExp(os.hostname())}$`, "i");
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("link", { name: hostname })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  console.log(`MSI install → device in the console: ${((Date.now() - installed) / 1000).toFixed(1)} s`);
  await page.getByRole("link", { name: hostname }).click();
  await expect(page).toHaveURL(/\/devices\//);

  // The tray is connected to the service and shows no icon yet: the helpdesk is not active.
  await expect.poll(() => /claiming profile (.+)/.exec(trayLog(prefix))?.[1]?.trim(), { timeout: 60_000 }).toBeTruthy();
  const claimed = /claiming profile (.+)/.exec(trayLog(prefix))![1]!.trim();
  await expect.poll(() => trayLog(prefix), { timeout: 60_000 }).toContain("connected to the Helpline service");
  expect(trayLog(prefix)).not.toContain("icon shown");
  const tray = findWineProcess(prefix, "helpline-tray.exe");
  expect(tray).not.toBeNull();

  // The check-in has reported the Wine user's profile (DOMAIN\user, as the tray claims it).
  const profile = new RegExp(escapeRegExp(claimed), "i");
  const profiles = page.getByRole("region", { name: "User profiles" });
  await expect(async () => {
    await page.reload();
    await expect(profiles).toContainText(profile, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByRole("button", { name: "Manage" }).click();
  await page.getByRole("menuitem", { name: "Helpdesk Agent" }).click();
  await page.getByRole("menu", { name: "Helpdesk Agent" }).getByRole("menuitem", { name: "Activate" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: new RegExp(`Helpdesk Agent activated for ${profile.source}\\.`, "i") }),
  ).toBeVisible();

  // 4. The tray, still the same process, shows its icon; the Wine desktop as it looks then.
  await expect.poll(() => trayLog(prefix), { timeout: 30_000 }).toContain("icon shown");
  expect(findWineProcess(prefix, "helpline-tray.exe")).toBe(tray);
  // Wine's notification area draws the icon on its next paint.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const screenshot = testInfo.outputPath("wine-desktop-tray-icon.png");
  desktop.screenshot(screenshot);
  await testInfo.attach("Wine desktop with the tray icon", { path: screenshot, contentType: "image/png" });

  // The Device / Agent page: that profile's tray is running, its helpdesk active.
  const row = profiles.getByRole("row").filter({ hasText: profile });
  await expect(async () => {
    await page.reload();
    await expect(row.getByRole("cell", { name: "Running", exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText("Active — awaiting identity");
});
