import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { leftPanel, signInAsAdmin } from "./helpers";

const SCREENS = "test-results/screens";
const AGENT = path.resolve("apps/agent/bin/helpline-agent.js");
const running: ChildProcess[] = [];

// Each test starts simulated agents (separate Node processes) next to the server and the browser.
test.describe.configure({ timeout: 90_000 });

test.afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGTERM");
});

/** Simulated agents that keep long-polling; `output()` is what they printed so far. */
function simulate(server: string, installKey: string, args: string[]) {
  let output = "";
  const child = spawn(
    process.execPath,
    [AGENT, "simulate", "--server", server, "--install-key", installKey, "--duration", "120", ...args],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  running.push(child);
  return { output: () => output };
}

async function newCustomerWithFleet(page: Page, baseURL: string) {
  const name = `Northwind ${Date.now()}`;
  await leftPanel(page).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("button", { name: "New customer" }).click();
  await page.getByRole("dialog", { name: "New customer" }).getByLabel("Name").fill(name);
  await page.getByRole("dialog", { name: "New customer" }).getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const installKey = await page.getByRole("textbox", { name: "Install key" }).inputValue();
  const workstations = simulate(baseURL, installKey, [
    "--count",
    "2",
    "--os",
    "windows-workstation",
    "--profiles",
    "2",
  ]);
  simulate(baseURL, installKey, ["--count", "1", "--start-index", "2", "--os", "windows-server"]);
  simulate(baseURL, installKey, [
    "--count",
    "1",
    "--start-index",
    "3",
    "--os",
    "windows-workstation",
    "--profiles",
    "0",
  ]);
  // The agents need a few seconds to start and enroll; reload rather than wait for the refresh.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Showing 1–4 of 4")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  return { name, installKey, workstations };
}

test("bulk Apply on a customer's Devices ▸ All activates eligible devices and says why others were skipped", async ({
  page,
  baseURL,
}) => {
  await signInAsAdmin(page);
  const fleet = await newCustomerWithFleet(page, baseURL!);

  await page.getByRole("checkbox", { name: "Select all" }).check();
  await page.getByRole("button", { name: "Helpdesk Agent" }).click();
  const dialog = page.getByRole("dialog", { name: "Helpdesk Agent" });
  await expect(dialog.getByRole("radio", { name: "Activate", exact: true })).toBeChecked();
  await dialog.getByRole("button", { name: "Apply" }).click();
  const results = dialog.getByRole("list", { name: "Results" });
  await expect(results.getByText("Activated")).toHaveCount(2);
  await expect(results.getByText("Skipped — not a Windows workstation")).toHaveCount(1);
  await expect(results.getByText("Skipped — nobody signed in")).toHaveCount(1);
  await page.screenshot({ path: `${SCREENS}/helpdesk-apply.png` });
  await dialog.getByRole("button", { name: "Done" }).click();

  // The long-polling agents learn of it within seconds (they report every 10 s).
  await expect.poll(() => fleet.workstations.output(), { timeout: 40_000 }).toContain("helpdesk active on 2");

  await expect(page.getByRole("row").filter({ hasText: "Active — awaiting identity" })).toHaveCount(2);
  await page.getByLabel("Helpdesk", { exact: true }).selectOption({ label: "Active — awaiting identity" });
  await expect(page.getByText("Showing 1–2 of 2")).toBeVisible();

  // Idempotent: the same Apply again changes nothing.
  await page.getByRole("checkbox", { name: "Select all" }).check();
  await page.getByRole("button", { name: "Helpdesk Agent" }).click();
  await dialog.getByRole("button", { name: "Apply" }).click();
  await expect(results.getByText("Already active")).toHaveCount(2);
  await dialog.getByRole("button", { name: "Done" }).click();
});

test("Manage ▸ Helpdesk Agent on one device: activate, deactivate, refusals, and the audit trail", async ({
  page,
  baseURL,
}) => {
  await signInAsAdmin(page);
  await newCustomerWithFleet(page, baseURL!);
  const rows = page.getByRole("row");

  const open = async (hostnameSuffix: string) => {
    await rows.filter({ hasText: hostnameSuffix }).getByRole("link").first().click();
    await expect(page.getByText("Device / Agent", { exact: true })).toBeVisible();
  };
  const manage = async (item: "Activate" | "Deactivate") => {
    await page.getByRole("button", { name: "Manage" }).click();
    await page.getByRole("menuitem", { name: "Helpdesk Agent" }).click();
    await page.getByRole("menu", { name: "Helpdesk Agent" }).getByRole("menuitem", { name: item }).click();
  };

  await open("00001");
  await manage("Activate");
  await expect(page.getByRole("status").filter({ hasText: "Helpdesk Agent activated for SIM\\user1." })).toBeVisible();
  const profiles = page.getByRole("region", { name: "User profiles" });
  await expect(profiles.getByText("Active — awaiting identity")).toBeVisible();
  await manage("Deactivate");
  await expect(
    page.getByRole("status").filter({ hasText: "Helpdesk Agent deactivated for SIM\\user1." }),
  ).toBeVisible();
  await expect(profiles.getByText("Not active")).toBeVisible();
  const activity = page.getByRole("region", { name: "Activity" });
  await expect(activity.getByRole("row").filter({ hasText: "Helpdesk Agent activated" })).toContainText(
    "Administrator",
  );
  await expect(activity.getByRole("row").filter({ hasText: "Helpdesk Agent deactivated" })).toContainText("single");
  await page.screenshot({ path: `${SCREENS}/device-helpdesk.png`, fullPage: true });

  await page.goBack();
  await open("00003");
  await manage("Activate");
  await expect(
    page.getByRole("alert").filter({ hasText: "Helpdesk Agent is available on Windows workstations only" }),
  ).toBeVisible();
  await page.goBack();
  await open("00004");
  await manage("Activate");
  await expect(page.getByRole("alert").filter({ hasText: "Nobody is signed in on this device" })).toBeVisible();
});

test("the customer policy activates new user profiles by itself, and the audit log says so", async ({
  page,
  baseURL,
}) => {
  await signInAsAdmin(page);
  const fleet = await newCustomerWithFleet(page, baseURL!);
  await page.getByRole("checkbox", { name: /Activate the Helpdesk Agent for every new user profile/ }).check();
  await expect(page.getByRole("status").filter({ hasText: "Policy on" })).toBeVisible();

  simulate(baseURL!, fleet.installKey, [
    "--count",
    "1",
    "--start-index",
    "4",
    "--os",
    "windows-workstation",
    "--profiles",
    "1",
  ]);
  const newcomer = page.getByRole("row").filter({ hasText: "00005" });
  await expect(async () => {
    await page.reload();
    await expect(newcomer).toContainText("Active — awaiting identity", { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });

  await leftPanel(page).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Show").selectOption({ label: "Helpdesk Agent" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(
    page.getByRole("row").filter({ hasText: "Customer policy" }).filter({ hasText: "Helpdesk Agent activated" }),
  ).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Policy turned on" })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/audit-log.png` });
});
