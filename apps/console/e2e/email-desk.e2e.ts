import fs from "node:fs";
import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import { leftPanel, signInAsAdmin } from "./helpers";
import { deliverMail, E2E_INBOUND_SMTP_PORT } from "./inbound-mail";
import { setUpHelpdeskContact } from "./ticket-fixtures";

const SCREENS = "test-results/screens";
test.describe.configure({ timeout: 180_000 });

/** The address Helpline receives mail at (its Reply-To), as Settings ▸ Email shows it. */
async function supportAddress(page: Page): Promise<string> {
  await leftPanel(page).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Email" }).click();
  const address = await page.getByRole("region", { name: "Reply-to address" }).locator("p.font-mono").textContent();
  expect(address).toMatch(/@/);
  return address!.trim();
}

/** Tickets, filtered to `customer` (a name, or the Unassigned customers entry), until a row titled `title` shows. */
async function openListRow(page: Page, options: { customer: string; title: string }) {
  await leftPanel(page).getByRole("link", { name: "Tickets" }).click();
  await page.getByLabel("Customer").selectOption({ label: options.customer });
  const row = page.getByRole("row").filter({ hasText: options.title });
  // Mail becomes a ticket within a second; the list refreshes by itself.
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  return row;
}

test("mail on the technician's desk: a contact's mail by email, the whole mail, the reply's delivery, a stranger filed under a customer", async ({
  page,
  baseURL,
}) => {
  await signInAsAdmin(page);
  const adminName = (await page.getByTestId("signed-in-technician").textContent())!.trim();
  const desk = await setUpHelpdeskContact(page, { fullName: "Jane Doe" });
  const stamp = Date.now().toString(36).slice(-5).toUpperCase();
  const to = await supportAddress(page);
  // Delivered over SMTP into the e2e server's listener, as a mail server would.
  const send = (mail: { from: string; subject: string; text: string }) =>
    deliverMail({ port: E2E_INBOUND_SMTP_PORT, to, ...mail });

  // A known contact writes in: a new ticket for their customer, shown "by email".
  const subject = `VPN drops every hour ${stamp}`;
  await send({
    from: `Jane Doe <${desk.contact.email}>`,
    subject,
    text: [
      "Hello,",
      "",
      "the VPN drops every hour since Monday.",
      "",
      "On Mon, 30 Nov 2026 at 09:12, IT Support <support@fabrikam.test> wrote:",
      "> Please restart the client and tell us if it happens again.",
      "",
    ].join("\n"),
  });
  const row = await openListRow(page, { customer: desk.customer, title: subject });
  await expect(row).toContainText("Jane Doe");
  await row.getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(subject) })).toBeVisible();
  await expect(page.getByText(/^Opened .+ from Email$/)).toBeVisible();
  const conversation = page.getByRole("list", { name: "Conversation" });
  const description = conversation.getByRole("article", { name: "Description from Jane Doe" });
  await expect(description).toContainText("by email");
  await expect(description.getByText(`<${desk.contact.email}>`, { exact: true })).toBeVisible();
  await expect(description).toContainText("the VPN drops every hour since Monday.");
  // Only the new part is shown; the quoted earlier mail is one click away.
  const whole = description.getByLabel("The whole mail");
  await expect(whole).toBeHidden();
  await expect(description.locator("p").first()).not.toContainText("Please restart the client");
  await description.getByText("Show the whole mail").click();
  await expect(whole).toBeVisible();
  await expect(whole).toContainText("> Please restart the client");

  // Download original: the raw message, for technicians only.
  const download = page.waitForEvent("download");
  await description.getByRole("link", { name: "Download original" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.eml$/);
  expect(fs.readFileSync((await file.path())!, "utf8")).toContain(`Subject: ${subject}`);
  const rawUrl = (await description.getByRole("link", { name: "Download original" }).getAttribute("href"))!;
  const raw = await page.request.get(rawUrl);
  expect(raw.headers()["content-type"]).toBe("message/rfc822");
  const anonymous = await playwrightRequest.newContext({ baseURL });
  const refused = await anonymous.get(rawUrl);
  expect(refused.status()).toBe(401);
  expect(await refused.text()).not.toContain(subject);
  await anonymous.dispose();
  const unknown = await page.request.get(rawUrl.replace(/[0-9a-f-]{36}/, crypto.randomUUID()));
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()) as unknown).toMatchObject({ error: { code: "not_found" } });

  // The technician replies: the reply says whether its mail went out.
  const composer = page.getByRole("form", { name: "Composer" });
  await composer.getByLabel("Message").fill("Hello Jane,\nplease update the VPN client to 5.2.");
  await composer.getByRole("button", { name: "Send reply" }).click();
  const reply = conversation.getByRole("article", { name: `Reply by ${adminName}` });
  await expect(reply).toContainText("please update the VPN client");
  // The e2e server keeps mail in its built-in catcher (Settings ▸ Outbox) rather than a relay.
  await expect(async () => {
    await page.reload();
    await expect(reply.getByLabel("Mail delivery")).toHaveText(
      /^Emailed to Jane Doe · kept by the built-in mail catcher \d{2}:\d{2} UTC$/,
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 20_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENS}/email-ticket.png`, fullPage: true });

  // A stranger writes in: the ticket waits in Unassigned customers, showing who wrote.
  const strangerSubject = `Invoice question ${stamp}`;
  const stranger = { name: "Sam Stranger", address: `sam.${stamp.toLowerCase()}@elsewhere.test` };
  await send({
    from: `${stranger.name} <${stranger.address}>`,
    subject: strangerSubject,
    text: "Hi, who do I ask about my invoice?",
  });
  const triageRow = await openListRow(page, { customer: "Unassigned customers", title: strangerSubject });
  await expect(page).toHaveURL(/customerId=unassigned/);
  await expect(page.getByRole("heading", { level: 1, name: "Tickets · Unassigned customers" })).toBeVisible();
  await expect(triageRow).toContainText("Sam Stranger");
  await expect(triageRow).toContainText("Unassigned customers");
  await expect(page.getByRole("row").filter({ hasText: subject })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/unassigned-customers.png` });

  // File under customer: the stranger becomes a contact of the customer chosen.
  await triageRow.getByRole("link", { name: strangerSubject }).click();
  const contactCard = page.getByRole("region", { name: "Contact" });
  await expect(contactCard).toContainText(stranger.address);
  const filing = page.getByRole("region", { name: "File under customer" });
  await expect(
    conversation.getByRole("article", { name: "Description from Sam Stranger" }).getByText(`<${stranger.address}>`),
  ).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/unassigned-ticket.png` });
  await filing.getByLabel("Customer").selectOption({ label: desk.customer });
  await filing.getByRole("button", { name: "File under customer" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Filed under ${desk.customer}; Sam Stranger is its contact` }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "File under customer" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText(desk.customer);
  await expect(contactCard).toContainText("Sam Stranger");
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: desk.customer }).click();
  await page.getByRole("link", { name: "Contacts" }).click();
  await expect(page.getByRole("row").filter({ hasText: stranger.address })).toContainText("Sam Stranger");
});
