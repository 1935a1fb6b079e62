import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { leftPanel, signInAsAdmin } from "./helpers";

const SCREENS = "test-results/screens";
const AGENT = path.resolve("apps/agent/bin/helpline-agent.js");

function agent(args: string[]): { status: number; output: string } {
  try {
    return { status: 0, output: execFileSync(process.execPath, [AGENT, ...args], { encoding: "utf8", stdio: "pipe" }) };
  } catch (error) {
    const failed = error as { status: number; stderr: string };
    return { status: failed.status, output: failed.stderr };
  }
}

async function createCustomer(page: Page, name: string) {
  await leftPanel(page).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("button", { name: "New customer" }).click();
  const dialog = page.getByRole("dialog", { name: "New customer" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("a technician creates a customer, enrolls a machine with the agent CLI, and sees it online", async ({
  page,
  baseURL,
}) => {
  test.slow(); // two agent CLI runs and a 10 s list refresh on top of the console walk
  await signInAsAdmin(page);
  await leftPanel(page).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("button", { name: "New customer" }).click();
  const dialog = page.getByRole("dialog", { name: "New customer" });
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("Enter a name.")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  const name = `Contoso ${Date.now()}`;
  await createCustomer(page, name);
  await expect(page.getByRole("status").filter({ hasText: `${name} is ready` })).toBeVisible();
  const installKey = await page.getByRole("textbox", { name: "Install key" }).inputValue();
  expect(installKey.length).toBeGreaterThanOrEqual(40);
  await expect(page.getByLabel("Enroll command", { exact: true })).toContainText(
    `helpline-agent enroll --server ${baseURL} --install-key ${installKey}`,
  );
  await expect(page.getByRole("navigation", { name: "Device views" }).getByText("All")).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.getByText("No devices yet")).toBeVisible();

  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-e2e-agent-"));
  expect(agent(["enroll", "--server", baseURL!, "--install-key", installKey, "--state-dir", stateDir]).status).toBe(0);
  expect(agent(["run", "--once", "--state-dir", stateDir]).status).toBe(0);

  // No reload: the list refreshes itself.
  const row = page.getByRole("row").filter({ hasText: os.hostname() });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row.getByText("Online")).toBeVisible();
  // The list refreshes every 10 s: the enroll may show before the check-in that names the user.
  await expect(row).toContainText(os.userInfo().username, { timeout: 20_000 });
  await expect(page.getByRole("definition").first()).toHaveText("1");
  await page.screenshot({ path: `${SCREENS}/customer.png`, fullPage: true });

  await leftPanel(page).getByRole("link", { name: "Devices" }).click();
  // The customer page has a search box of the same name: wait for the Devices page itself.
  await expect(page.getByRole("heading", { level: 1, name: "Devices" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search devices" }).fill(os.hostname());
  await page.getByRole("button", { name: "Search" }).click();
  const listed = page.getByRole("row").filter({ hasText: name });
  await expect(listed).toBeVisible({ timeout: 20_000 });
  await expect(listed.getByText("Online")).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Offline" });
  await expect(page.getByText("No devices match these filters")).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Online" });
  await page.getByLabel("Customer", { exact: true }).selectOption({ label: name });
  await expect(listed).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/devices.png` });

  await listed.getByRole("link", { name: os.hostname() }).click();
  await expect(page.getByText("Device / Agent", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: os.hostname() })).toBeVisible();
  const profiles = page.getByRole("region", { name: "User profiles" });
  await expect(profiles.getByRole("row").filter({ hasText: os.userInfo().username })).toContainText("Signed in now");
  await page.getByRole("button", { name: "Manage" }).click();
  await expect(page.getByRole("menu", { name: "Manage" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu", { name: "Manage" })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/device.png` });
  fs.rmSync(stateDir, { recursive: true, force: true });
});

test("an admin rotates a customer's install key: the old key stops enrolling", async ({ page, baseURL }) => {
  await signInAsAdmin(page);
  await createCustomer(page, `Fabrikam ${Date.now()}`);
  const oldKey = await page.getByRole("textbox", { name: "Install key" }).inputValue();
  await page.getByRole("button", { name: "Rotate key" }).click();
  await page.getByRole("dialog", { name: "Rotate the install key?" }).getByRole("button", { name: "Rotate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "New install key in place." })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Install key" })).not.toHaveValue(oldKey);
  const newKey = await page.getByRole("textbox", { name: "Install key" }).inputValue();

  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-e2e-agent-"));
  const refused = agent(["enroll", "--server", baseURL!, "--install-key", oldKey, "--state-dir", stateDir]);
  expect(refused.status).toBe(1);
  expect(refused.output).toContain("install key is not valid");
  expect(agent(["enroll", "--server", baseURL!, "--install-key", newKey, "--state-dir", stateDir]).status).toBe(0);
  fs.rmSync(stateDir, { recursive: true, force: true });
});
