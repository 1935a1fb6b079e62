import { expect, test, type Page } from "@playwright/test";
import { leftPanel, signInAsAdmin } from "./helpers";
import { deliverMail, E2E_INBOUND_SMTP_PORT } from "./inbound-mail";

const SCREENS = "test-results/screens";

test.describe.configure({ timeout: 180_000 });

async function openEmailSettings(page: Page) {
  await leftPanel(page).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Email" }).click();
  await expect(page).toHaveURL(/\/settings\/email$/);
}

async function chooseUnknownSenders(page: Page, label: "Ignore" | "Create a ticket in Unassigned customers") {
  const form = page.getByRole("form", { name: "Unknown senders" });
  await form.getByRole("radio", { name: label, exact: true }).check();
  await form.getByRole("button", { name: "Save" }).click();
  const saved =
    label === "Ignore" ? "Mail from unknown senders is ignored." : "Mail from unknown senders opens a ticket.";
  await expect(page.getByRole("status").filter({ hasText: saved })).toBeVisible();
}

test("Settings ▸ Email: statuses, the unknown-sender policy, ignored mail made a ticket, a test mail round trip", async ({
  page,
  browser,
}) => {
  await signInAsAdmin(page);
  await openEmailSettings(page);

  const replyTo = (await page.getByRole("region", { name: "Reply-to address" }).locator("p.font-mono").textContent())!;
  expect(replyTo).toMatch(/@/);
  const imap = page.getByRole("region", { name: "IMAP" });
  await expect(imap.getByText("Off", { exact: true })).toBeVisible();
  await expect(imap.getByText("Set IMAP_URL to the mailbox Helpline reads.")).toBeVisible();
  const smtp = page.getByRole("region", { name: "Inbound SMTP" });
  await expect(smtp.getByText("Listening", { exact: true })).toBeVisible();
  await expect(smtp.getByText(`127.0.0.1:${E2E_INBOUND_SMTP_PORT}`)).toBeVisible();
  await expect(smtp.getByText(replyTo)).toBeVisible();

  // The policy switches to Ignore and stays so after a reload.
  await chooseUnknownSenders(page, "Ignore");
  await page.reload();
  await expect(page.getByRole("radio", { name: "Ignore", exact: true })).toBeChecked();

  // A stranger mails in: with Ignore, it waits in Ignored mail.
  const subject = `Quote for 20 laptops ${Date.now()}`;
  await deliverMail({
    port: E2E_INBOUND_SMTP_PORT,
    from: "Sam Stranger <sam.stranger@unknown.e2e.test>",
    to: replyTo,
    subject,
    text: "Hello,\nplease send us a quote for 20 laptops.\nSam",
  });
  const ignored = page.getByRole("region", { name: "Ignored mail" });
  await expect(async () => {
    await page.reload();
    await expect(ignored.getByRole("row").filter({ hasText: subject })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const row = ignored.getByRole("row").filter({ hasText: subject });
  await expect(row).toContainText("sam.stranger@unknown.e2e.test");
  await expect(row).toContainText("UTC");
  await page.screenshot({ path: `${SCREENS}/settings-email.png`, fullPage: true });

  // A second page still shows the mail: its click comes after the first one made the ticket.
  const other = await browser.newPage({ storageState: await page.context().storageState() });
  await other.goto("/settings/email");
  const otherRow = other.getByRole("region", { name: "Ignored mail" }).getByRole("row").filter({ hasText: subject });
  await expect(otherRow).toBeVisible();

  await row.getByRole("button", { name: /^Make a ticket/ }).click();
  const made = page.getByRole("status").filter({ hasText: /Ticket #\d+ made from the mail\./ });
  await expect(made).toBeVisible();
  await expect(ignored.getByRole("row").filter({ hasText: subject })).toHaveCount(0);

  await otherRow.getByRole("button", { name: /^Make a ticket/ }).click();
  await expect(other.getByRole("alert").filter({ hasText: "This mail has already become a ticket." })).toBeVisible();
  await other.close();

  await made.getByRole("link", { name: /^Open ticket #\d+$/ }).click();
  await expect(page).toHaveURL(/\/tickets\/\d+$/);
  await expect(page.getByRole("heading", { name: new RegExp(subject) })).toBeVisible();

  // Back to the default, so other tests' strangers open tickets again.
  await openEmailSettings(page);
  await chooseUnknownSenders(page, "Create a ticket in Unassigned customers");

  // The test mail goes into the listener and comes back as Helpline's own test mail.
  await page.getByRole("button", { name: "Send a test mail to Helpline" }).click();
  const panel = page.getByRole("region", { name: "Test mail" });
  await expect(
    panel.getByRole("status").filter({ hasText: /^Received after \d+\.\d s \(by inbound SMTP\)\.$/ }),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(panel.getByRole("button", { name: "Send a test mail to Helpline" })).toBeEnabled();
  await page.screenshot({ path: `${SCREENS}/settings-email-test-mail.png` });
});
