import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E_AGENT_MSI } from "../playwright.config";
import { leftPanel, signInAsAdmin } from "./helpers";

// Customer page ▸ Install agent: the MSI download behind the console session, the silent-install
// command with this customer's address and key, the Intune detection rule. The server under test
// serves HELPLINE_AGENT_MSI (playwright.config.ts); each test puts a file there or takes it away.
const PRODUCT_CODE = "{938637E9-BCEF-5605-9397-48EB0D4E792A}";

async function openNewCustomer(page: Page): Promise<{ name: string; installKey: string }> {
  await signInAsAdmin(page);
  await leftPanel(page).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("button", { name: "New customer" }).click();
  const dialog = page.getByRole("dialog", { name: "New customer" });
  const name = `Fabrikam ${Date.now()}`;
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return { name, installKey: await page.getByRole("textbox", { name: "Install key" }).inputValue() };
}

test.afterEach(() => {
  fs.rmSync(path.dirname(E2E_AGENT_MSI), { recursive: true, force: true });
});

test("the Install agent panel offers the MSI, the silent install for this customer and the Intune rule", async ({
  page,
  baseURL,
  playwright,
}) => {
  // What `npm run build:windows` leaves: the MSI and its facts beside it.
  const bytes = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(300_000, 7)]);
  fs.mkdirSync(path.dirname(E2E_AGENT_MSI), { recursive: true });
  fs.writeFileSync(E2E_AGENT_MSI, bytes);
  fs.writeFileSync(`${E2E_AGENT_MSI}.json`, JSON.stringify({ version: "1.0.0", productCode: PRODUCT_CODE }));

  const { installKey } = await openNewCustomer(page);
  const panel = page.getByRole("region", { name: "Install agent" });
  await expect(panel.getByLabel("Silent install command", { exact: true })).toHaveText(
    `msiexec /i helpline-agent.msi /qn SERVER_URL="${baseURL}" INSTALL_KEY="${installKey}"`,
  );
  await expect(panel.getByRole("button", { name: "Copy silent install command" })).toBeVisible();
  await expect(panel.getByLabel("Intune detection rule", { exact: true })).toContainText(
    `MSI product code ${PRODUCT_CODE}`,
  );
  await expect(panel.getByLabel("Intune detection rule", { exact: true })).toContainText(
    "file C:\\Program Files\\Helpline\\helpline-agent.exe exists",
  );
  // The Linux/macOS enroll command stays beside it.
  await expect(page.getByLabel("Enroll command", { exact: true })).toContainText(`--install-key ${installKey}`);

  const downloading = page.waitForEvent("download");
  await panel.getByRole("link", { name: "Download for Windows (.msi)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("helpline-agent.msi");
  expect(fs.readFileSync((await download.path())!).equals(bytes)).toBe(true);

  // Without the console's session: no installer.
  const anonymous = await playwright.request.newContext({ baseURL });
  const refused = await anonymous.get("/downloads/helpline-agent.msi", { maxRedirects: 0 });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: { code: "unauthorized" } });
  await anonymous.dispose();
});

test("without an MSI on the server the panel says how to build one, and the download is a clear 404", async ({
  page,
}) => {
  await openNewCustomer(page);
  const panel = page.getByRole("region", { name: "Install agent" });
  await expect(panel.getByRole("status")).toContainText("The Windows installer is not built on this server");
  await expect(panel.getByRole("status")).toContainText("npm run build:windows");
  await expect(panel.getByRole("link", { name: "Download for Windows (.msi)" })).toHaveCount(0);
  await expect(panel.getByLabel("Intune detection rule", { exact: true })).toHaveText(
    "File C:\\Program Files\\Helpline\\helpline-agent.exe exists",
  );
  const answer = await page.request.get("/downloads/helpline-agent.msi");
  expect(answer.status()).toBe(404);
  expect(await answer.json()).toMatchObject({ error: { code: "msi_not_built" } });
});
