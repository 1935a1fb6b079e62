import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { leftPanel } from "./helpers";

const AGENT = path.resolve("apps/agent/bin/helpline-agent.js");

export type RunningAgent = {
  customer: string;
  hostname: string;
  profile: string;
  localUrl: () => Promise<string>;
  stop: () => void;
};

/**
 * A real agent on a Windows workstation (as the agent would read one: this machine is not), run
 * the way the product is used: the customer created in the console, the agent enrolled with its
 * Install key and running, the Helpdesk Agent activated on its Device / Agent page (Manage ▸
 * Helpdesk Agent ▸ Activate). `locale`: the signed-in user's Windows display language ("fr-FR"),
 * as the agent reports it. `localUrl()` waits for the local page the agent then opens. The admin
 * must be signed in on `page`; call `stop()` when done.
 */
export async function runAgentWithHelpdesk(
  page: Page,
  baseURL: string,
  options: { customer: string; hostname: string; ip: string; profile: string; displayName: string; locale?: string },
): Promise<RunningAgent> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-e2e-agent-"));
  const inventoryFile = path.join(dir, "inventory.json");
  fs.writeFileSync(
    inventoryFile,
    JSON.stringify({
      hostname: options.hostname,
      os: { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" },
      ip: options.ip,
      currentProfile: { name: options.profile, displayName: options.displayName },
      ...(options.locale && { locale: options.locale }),
    }),
  );
  // No display on a CI machine: the agent must do without screenshots rather than fail.
  const env = { ...process.env, HELPLINE_AGENT_INVENTORY_FILE: inventoryFile, DISPLAY: "" };

  await leftPanel(page).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("button", { name: "New customer" }).click();
  await page.getByRole("dialog", { name: "New customer" }).getByLabel("Name").fill(options.customer);
  await page.getByRole("dialog", { name: "New customer" }).getByRole("button", { name: "Create" }).click();
  const installKey = await page.getByRole("textbox", { name: "Install key" }).inputValue();

  const enroll = spawn(
    process.execPath,
    [AGENT, "enroll", "--server", baseURL, "--install-key", installKey, "--state-dir", dir],
    { env },
  );
  expect(await new Promise((resolve) => enroll.on("exit", resolve))).toBe(0);
  const agent: ChildProcess = spawn(process.execPath, [AGENT, "run", "--state-dir", dir], {
    env,
    stdio: "ignore",
  });
  const stop = () => {
    agent.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  };

  await expect(async () => {
    await page.reload();
    await page.getByRole("link", { name: options.hostname }).click({ timeout: 2_000 });
    await expect(page).toHaveURL(/\/devices\//, { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  // Enrolled is not yet checked in: wait until the agent has reported who is signed in.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("region", { name: "User profiles" })).toContainText(options.profile, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });
  await page.getByRole("button", { name: "Manage" }).click();
  await page.getByRole("menuitem", { name: "Helpdesk Agent" }).click();
  await page.getByRole("menu", { name: "Helpdesk Agent" }).getByRole("menuitem", { name: "Activate" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Helpdesk Agent activated for ${options.profile}.` }),
  ).toBeVisible();

  // The agent learns it through its long-poll and opens its local page.
  // Its link (with the secret, never logged) waits in the state dir.
  const linkFile = path.join(dir, "local-page-link");
  const localUrl = async () => {
    await expect.poll(() => fs.existsSync(linkFile), { timeout: 15_000 }).toBe(true);
    return fs.readFileSync(linkFile, "utf8").trim();
  };
  return { customer: options.customer, hostname: options.hostname, profile: options.profile, localUrl, stop };
}
