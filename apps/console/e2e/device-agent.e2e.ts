import { randomUUID } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { leftPanel, signInAsAdmin } from "./helpers";

const AGENT_API = "/api/agent/v1";
const SCREENS = "test-results/screens";
const WINDOWS = { platform: "windows", name: "Windows 11 Pro", version: "10.0.22631", kind: "workstation" };

/** Enrolls a device under the customer shown on `page` and checks it in once with `checkin`. */
async function deviceCheckedIn(page: Page, installKey: string, agentVersion: string, checkin: object) {
  const enrolled = await page.request.post(`${AGENT_API}/enroll`, {
    data: {
      installKey,
      machineId: `device-agent-${randomUUID()}`,
      hostname: "PC-FRONTDESK",
      os: WINDOWS,
      agentVersion,
    },
  });
  expect(enrolled.status(), await enrolled.text()).toBe(201);
  const { deviceId, agentToken } = (await enrolled.json()) as { deviceId: string; agentToken: string };
  const answer = await page.request.post(`${AGENT_API}/checkin`, {
    headers: { authorization: `Bearer ${agentToken}` },
    data: { agentVersion, hostname: "PC-FRONTDESK", os: WINDOWS, ...checkin },
  });
  expect(answer.status(), await answer.text()).toBe(200);
  return deviceId;
}

/** One row of a table as { "column header, lower case": "cell text" }, the row found by its text. */
async function cells(table: Locator, rowText: string): Promise<Record<string, string | undefined>> {
  const headers = await table.getByRole("columnheader").allInnerTexts();
  const values = await table.getByRole("row").filter({ hasText: rowText }).getByRole("cell").allInnerTexts();
  return Object.fromEntries(headers.map((header, index) => [header.trim().toLowerCase(), values[index]?.trim()]));
}

test("Device / Agent shows the agent's version and, per profile, its session and whether its tray runs", async ({
  page,
}) => {
  await signInAsAdmin(page);
  const customer = `Fabrikam ${randomUUID().slice(0, 6)}`;
  await leftPanel(page).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("button", { name: "New customer" }).click();
  await page.getByRole("dialog", { name: "New customer" }).getByLabel("Name").fill(customer);
  await page.getByRole("dialog", { name: "New customer" }).getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { level: 1, name: customer })).toBeVisible();
  const installKey = await page.getByRole("textbox", { name: "Install key" }).inputValue();

  // A shared workstation: Alice on the console with her tray, Bob over Remote Desktop without it,
  // Carol signed in whose tray the agent cannot tell about.
  const shared = await deviceCheckedIn(page, installKey, "1.4.2", {
    currentProfile: { name: "FABRIKAM\\alice", displayName: "Alice Martin" },
    profiles: [
      { name: "FABRIKAM\\alice", displayName: "Alice Martin", console: true, trayRunning: true },
      { name: "FABRIKAM\\bob", displayName: "Bob Stone", console: false, trayRunning: false },
      { name: "FABRIKAM\\carol", displayName: "Carol Diaz", console: false },
    ],
  });
  await page.goto(`/devices/${shared}`);
  await expect(page.getByRole("heading", { level: 1, name: "PC-FRONTDESK" })).toBeVisible();
  const inventory = page.getByRole("region", { name: "Inventory" });
  await expect(inventory.getByRole("definition").filter({ hasText: "1.4.2" })).toBeVisible();
  const profiles = page.getByRole("table", { name: "User profiles" });
  await expect(profiles).toHaveAccessibleDescription(/^Sessions and trays as of the agent's last check-in, .+ UTC\.$/);
  await expect(profiles.getByRole("row").filter({ hasText: "FABRIKAM\\carol" })).toBeVisible();
  expect(await cells(profiles, "FABRIKAM\\alice")).toMatchObject({ session: "Console", tray: "Running" });
  expect(await cells(profiles, "FABRIKAM\\bob")).toMatchObject({
    session: "Remote or switched user",
    tray: "Not running",
  });
  expect(await cells(profiles, "FABRIKAM\\carol")).toMatchObject({
    session: "Remote or switched user",
    tray: "Unknown",
  });
  await page.screenshot({ path: `${SCREENS}/device-agent-profiles.png`, fullPage: true });

  // An older agent reports only who is on the console: sessions and trays are unknown, and said so.
  const older = await deviceCheckedIn(page, installKey, "1.0.0", {
    currentProfile: { name: "FABRIKAM\\dave", displayName: "Dave Kim" },
  });
  await page.goto(`/devices/${older}`);
  const olderProfiles = page.getByRole("table", { name: "User profiles" });
  await expect(olderProfiles).toHaveAccessibleDescription(
    "Agent 1.0.0 does not report sessions or trays: they show as unknown.",
  );
  expect(await cells(olderProfiles, "FABRIKAM\\dave")).toMatchObject({ session: "Signed in", tray: "Unknown" });
});
