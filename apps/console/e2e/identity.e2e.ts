import { expect, test } from "@playwright/test";
import { runAgentWithHelpdesk, type RunningAgent } from "./agent-fixtures";
import { leftPanel, signInAsAdmin } from "./helpers";

const SCREENS = "test-results/screens";
let agent: RunningAgent | null = null;
test.afterEach(() => agent?.stop());
test.describe.configure({ timeout: 90_000 });

test("an end user confirms their identity in Personal Info Settings with the token from the mail", async ({
  page,
  context,
  baseURL,
}) => {
  await signInAsAdmin(page);
  const customer = `Adventure Works ${Date.now()}`;
  const hostname = `PC-E2E-${Date.now()}`;
  agent = await runAgentWithHelpdesk(page, baseURL!, {
    customer,
    hostname,
    ip: "10.0.0.7",
    profile: "CONTOSO\\grace",
    displayName: "Grace Hopper",
  });
  const localUrl = await agent.localUrl();
  const local = await context.newPage();
  await local.goto(localUrl);
  await expect(local.getByText("Your identity is not confirmed yet.")).toBeVisible();
  await local
    .getByRole("navigation", { name: "Helpdesk" })
    .getByRole("link", { name: "Personal Info Settings" })
    .click();
  await expect(local.getByRole("heading", { name: "Personal Info Settings" })).toBeVisible();
  await expect(local.getByLabel("Full name")).toHaveValue("Grace Hopper");
  const email = `grace.${Date.now()}@adventure-works.test`;
  await local.getByLabel("Email").fill(email);
  await local.getByRole("button", { name: "Send Token" }).click();
  await expect(local.getByRole("status")).toContainText(`We sent a token to ${email}.`);

  // The built-in catcher keeps the mail: read the token in Settings ▸ Outbox.
  await leftPanel(page).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page).toHaveURL(/\/settings\/outbox/);
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("Captured", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await row.getByRole("link", { name: "Your Helpline confirmation token" }).click();
  const text = await page.getByLabel("Text part").textContent();
  const token = /^([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})$/m.exec(text ?? "")?.[1];
  expect(token).toBeDefined();
  await page.screenshot({ path: `${SCREENS}/outbox.png` });

  await local.getByLabel("Confirmation Token").fill("AAA-AAA-AAA");
  await local.getByRole("button", { name: "Save" }).click();
  await expect(local.getByRole("alert")).toContainText("This token is not right. 4 tries left.");
  await local.getByLabel("Confirmation Token").fill(token!);
  await local.getByRole("button", { name: "Save" }).click();
  await expect(local.getByRole("status")).toContainText("Thank you, Grace Hopper: you are confirmed.");
  await expect(local.getByText(`You are confirmed as Grace Hopper (${email}).`)).toBeVisible();
  await local.screenshot({ path: `${SCREENS}/local-page.png` });

  await leftPanel(page).getByRole("link", { name: "Devices" }).click();
  await expect(page.getByRole("row").filter({ hasText: hostname })).toContainText("Active — confirmed");
  await page.getByRole("link", { name: hostname }).click();
  await expect(
    page.getByRole("region", { name: "User profiles" }).getByRole("row").filter({ hasText: "CONTOSO\\grace" }),
  ).toContainText(email);
  await expect(page.getByRole("region", { name: "Activity" }).getByText("Identity confirmed")).toBeVisible();

  // The confirmed person is now a contact of the customer; make them its main contact.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: customer }).click();
  await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Contacts" }).click();
  const contact = page.getByRole("row").filter({ hasText: "Grace Hopper" });
  await expect(contact).toContainText(email);
  await expect(contact).toContainText(`CONTOSO\\grace on ${hostname}`);
  await contact.getByRole("checkbox", { name: "Main contact: Grace Hopper" }).check();
  await expect(page.getByRole("status").filter({ hasText: "Grace Hopper is a main contact" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Main contact: Grace Hopper" })).toBeChecked();
  await expect(page.getByRole("definition").nth(1)).toHaveText("1");
});
