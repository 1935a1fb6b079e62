import { expect, test, type Page } from "@playwright/test";
import { runAgentWithHelpdesk, type RunningAgent } from "./agent-fixtures";
import { leftPanel, signInAsAdmin } from "./helpers";
import { readOutboxMail } from "./ticket-fixtures";

const SCREENS = "test-results/screens";
const PHONE = { width: 390, height: 844 };
// "We will reply by Thursday 3 December, 09:30 CET" (the year only when it is not this year): the
// zone of the customer's calendar named, Paris's in winter or in summer.
const PROMISE = /We will reply by [A-Z][a-z]+day,? \d{1,2} [A-Z][a-z]+( \d{4})?, \d\d:\d\d CES?T/;

let agent: RunningAgent | null = null;
test.afterEach(() => agent?.stop());
test.describe.configure({ timeout: 180_000 });

async function openSettingsTab(page: Page, tab: "Business hours" | "SLAs") {
  await leftPanel(page).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: tab }).click();
}

/** A Paris business-hours calendar (the editor's working week) and a policy on it with the Standard targets. */
async function parisPolicy(page: Page, run: string): Promise<string> {
  const calendar = `Paris desk ${run}`;
  await openSettingsTab(page, "Business hours");
  await page.getByRole("link", { name: "New calendar" }).click();
  const editor = page.getByRole("form", { name: "Calendar" });
  await editor.getByRole("textbox", { name: "Name", exact: true }).fill(calendar);
  await editor.getByLabel("Time zone").fill("Europe/Paris");
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${calendar} is saved.` })).toBeVisible();

  const policy = `Paris standard ${run}`;
  await openSettingsTab(page, "SLAs");
  await page.getByRole("link", { name: "New policy" }).click();
  const form = page.getByRole("form", { name: "Policy" });
  await form.getByLabel("Name").fill(policy);
  await form.getByLabel("Calendar").selectOption({ label: `${calendar} (Europe/Paris)` });
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${policy} is saved` })).toBeVisible();
  return policy;
}

test("an end user reads when the first reply is due, in their customer's zone: on the agent's Ticket created page, in the receipt and in the portal", async ({
  page,
  context,
  baseURL,
}) => {
  const run = Date.now().toString(36);
  await signInAsAdmin(page);
  const policy = await parisPolicy(page, run);
  const customer = `Northwind ${run}`;
  agent = await runAgentWithHelpdesk(page, baseURL!, {
    customer,
    hostname: `PC-PARIS-${run}`,
    ip: "10.0.0.51",
    profile: "NORTHWIND\\ada",
    displayName: "Ada Lovelace",
  });
  // Customer page ▸ SLA: this customer's own policy, on the Paris calendar.
  await leftPanel(page).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("link", { name: customer }).click();
  await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "SLA" }).click();
  const sla = page.getByRole("form", { name: "SLA" });
  await sla.getByLabel("SLA policy").selectOption({ label: policy });
  await sla.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: `follow ${policy}` })).toBeVisible();

  const local = await context.newPage();
  await local.goto(await agent.localUrl());
  const nav = local.getByRole("navigation", { name: "Helpdesk" });
  await nav.getByRole("link", { name: "Add Ticket" }).click();
  const email = `ada.${run}@northwind.test`;
  await local.getByLabel("Email").fill(email);
  await local.getByRole("button", { name: "Send Token" }).click();
  const tokenMail = await readOutboxMail(page, { to: email, subject: "Your Helpline confirmation token" });
  // The token's expiry, in the customer's zone too: never bare UTC.
  expect(tokenMail).toMatch(/expires at \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d CES?T \(in 15 minutes\)/);
  await local.getByLabel("Confirmation Token").fill(/^([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})$/m.exec(tokenMail)![1]!);
  await local.getByRole("button", { name: "Save" }).click();
  await expect(local.getByRole("status")).toContainText("you are confirmed");

  const title = "The docking station does not wake the screens";
  await nav.getByRole("link", { name: "Add Ticket" }).click();
  await local.getByLabel("Title").fill(title);
  await local.getByRole("button", { name: "Submit" }).click();
  const created = local.getByRole("heading", { name: /^Ticket #\d+ created$/ });
  await expect(created).toBeVisible();
  const number = Number(/#(\d+)/.exec((await created.textContent())!)![1]);
  const status = local.getByRole("status");
  await expect(status).toContainText(PROMISE);
  const promise = PROMISE.exec((await status.textContent())!)![0];
  await local.screenshot({ path: `${SCREENS}/agent-ticket-created-promise.png` });

  // The receipt says the same, under the subject every later mail of the ticket keeps after "Re: ".
  const receipt = await readOutboxMail(page, { to: email, subject: `[#${number}] ${title}`, exact: true });
  expect(receipt).toContain(`${promise}.`);

  // The Customer Portal, on a phone: the list and the ticket say it until a technician answers.
  await nav.getByRole("link", { name: "Open Customer Portal" }).click();
  await expect(local).toHaveURL(/\/portal$/);
  await local.setViewportSize(PHONE);
  const row = local.getByRole("list", { name: "Tickets" }).getByRole("link").filter({ hasText: title });
  await expect(row).toContainText(promise);
  await local.screenshot({ path: `${SCREENS}/portal-tickets-promise.png`, fullPage: true });
  await row.click();
  await expect(local.getByRole("heading", { name: `#${number} ${title}` })).toBeVisible();
  await expect(local.getByText(promise, { exact: true })).toBeVisible();
  await expect(local.getByText(/^Opened \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d CES?T from PC-PARIS/)).toBeVisible();
  await local.screenshot({ path: `${SCREENS}/portal-ticket-promise.png`, fullPage: true });

  // Pending: the clocks wait for the user, and the portal says so instead of a time.
  await page.goto(`/tickets/${number}`);
  await page.getByLabel("Status").selectOption({ label: "Pending" });
  await expect(page.getByRole("status").filter({ hasText: "Status changed to Pending" })).toBeVisible();
  await local.reload();
  await expect(local.getByText("Waiting for your answer", { exact: true })).toBeVisible();
  await expect(local.getByText(PROMISE)).toHaveCount(0);

  // Answered: nothing more is promised.
  await page.getByLabel("Status").selectOption({ label: "Open" });
  await expect(page.getByRole("status").filter({ hasText: "Status changed to Open" })).toBeVisible();
  await page.getByRole("tab", { name: "Reply" }).click();
  await page.getByLabel("Message").fill("Please unplug the dock for ten seconds.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Reply sent to ${email}` })).toBeVisible();
  await local.reload();
  await expect(local.getByText("Please unplug the dock for ten seconds.")).toBeVisible();
  await expect(local.getByText(PROMISE)).toHaveCount(0);
  await expect(local.getByText("Waiting for your answer")).toHaveCount(0);
  const reply = await readOutboxMail(page, { to: email, subject: `Re: [#${number}] ${title}`, exact: true });
  expect(reply).toContain("Please unplug the dock for ten seconds.");
});
