import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { leftPanel, signInAsAdmin } from "./helpers";

const SCREENS = "test-results/screens";
const AGENT = path.resolve("apps/agent/bin/helpline-agent.js");

/** A machine for the real agent CLI: its own state directory, inventory, machine id and hardware. */
function machine(options: { hostname: string; machineId: string; hardwareId: string }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpline-e2e-clone-"));
  const inventoryFile = path.join(dir, "inventory.json");
  const os_ = { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" };
  fs.writeFileSync(
    inventoryFile,
    JSON.stringify({
      hostname: options.hostname,
      os: os_,
      ip: null,
      currentProfile: { name: "CORP\\frontdesk", displayName: "Front Desk" },
      machineId: options.machineId,
      hardwareId: options.hardwareId,
    }),
  );
  const run = (args: string[]) =>
    execFileSync(process.execPath, [AGENT, ...args, "--state-dir", dir], {
      encoding: "utf8",
      stdio: "pipe",
      env: { ...process.env, HELPLINE_AGENT_INVENTORY_FILE: inventoryFile, DISPLAY: "" },
    });
  return { dir, run, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

test("a disk image cloned onto another PC becomes a device of its own, flagged on both devices and in the audit log", async ({
  page,
  baseURL,
}) => {
  // Five runs of the real agent CLI (each starts Node and compiles its TypeScript source).
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  const customer = `Northwind ${Date.now()}`;
  await leftPanel(page).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("button", { name: "New customer" }).click();
  await page.getByRole("dialog", { name: "New customer" }).getByLabel("Name").fill(customer);
  await page.getByRole("dialog", { name: "New customer" }).getByRole("button", { name: "Create" }).click();
  const installKey = await page.getByRole("textbox", { name: "Install key" }).inputValue();

  // PC-A enrolls and checks in; then its disk is imaged onto another PC (same machine id, the
  // agent's state file with PC-A's token), which is renamed PC-B and runs the agent.
  // Short, as Windows hostnames are (15 characters at most).
  const stamp = String(Date.now()).slice(-6);
  const machineId = `image-${stamp}`;
  const pcA = machine({ hostname: `PC-A-${stamp}`, machineId, hardwareId: "board-of-pc-a" });
  const pcB = machine({ hostname: `PC-B-${stamp}`, machineId, hardwareId: "board-of-pc-b" });
  try {
    pcA.run(["enroll", "--server", baseURL!, "--install-key", installKey]);
    pcA.run(["run", "--once"]);
    fs.copyFileSync(path.join(pcA.dir, "agent.json"), path.join(pcB.dir, "agent.json"));
    pcB.run(["run", "--once"]);
    expect(pcB.run(["status"])).toMatch(
      /Token: re-enrolled at .+ UTC.* after the server refused the token: the server made this machine a new device/,
    );
    pcA.run(["run", "--once"]); // PC-A keeps its device and token

    await leftPanel(page).getByRole("link", { name: "Devices" }).click();
    await page.getByRole("searchbox", { name: "Search devices" }).fill(`${stamp}`);
    await page.getByRole("button", { name: "Search" }).click();
    const rowA = page.getByRole("row").filter({ has: page.getByRole("link", { name: `PC-A-${stamp}`, exact: true }) });
    const rowB = page.getByRole("row").filter({ has: page.getByRole("link", { name: `PC-B-${stamp}`, exact: true }) });
    await expect(rowB.getByRole("link", { name: `Possible clone of PC-A-${stamp}` })).toBeVisible({ timeout: 20_000 });
    await expect(rowA.getByRole("link", { name: `Possible clone of PC-B-${stamp}` })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/devices-possible-clone.png`, fullPage: true });

    // The flag leads to the other device; PC-B's own page explains and links back.
    await rowB.getByRole("link", { name: `Possible clone of PC-A-${stamp}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `PC-A-${stamp}` })).toBeVisible();
    const onA = page.getByRole("region", { name: `Possible clone of PC-B-${stamp}` });
    await expect(onA).toContainText(`PC-B-${stamp} (enrolled`);
    await expect(onA).toContainText("may be a clone of this device");
    await expect(page.getByRole("region", { name: "User profiles" })).toContainText("CORP\\frontdesk");
    await onA.getByRole("link", { name: `PC-B-${stamp}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `PC-B-${stamp}` })).toBeVisible();
    const onB = page.getByRole("region", { name: `Possible clone of PC-A-${stamp}` });
    await expect(onB).toContainText(`This device may be a clone of PC-A-${stamp}`);
    await expect(onB).toContainText(
      "user identities, tickets and Customer Portal access stay with the device they belong to",
    );
    const activity = page.getByRole("region", { name: "Activity" });
    await expect(activity.getByRole("row").filter({ hasText: "Possible clone flagged" })).toContainText(
      "it presented that device's agent token from different hardware",
    );
    await page.screenshot({ path: `${SCREENS}/device-possible-clone.png`, fullPage: true });

    await leftPanel(page).getByRole("link", { name: "Settings" }).click();
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.getByLabel("Show").selectOption({ label: "Possible clones" });
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(
      page.getByRole("row").filter({
        hasText: `possible clone of PC-A-${stamp}: it presented that device's agent token from different hardware`,
      }),
    ).toBeVisible();
    await expect(
      page.getByRole("row").filter({
        hasText: `possible clone of PC-B-${stamp}: it presented this device's agent token from different hardware`,
      }),
    ).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/audit-possible-clone.png`, fullPage: true });
  } finally {
    pcA.remove();
    pcB.remove();
  }
});
