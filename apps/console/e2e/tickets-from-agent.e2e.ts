import { expect, test } from "@playwright/test";
import { runAgentWithHelpdesk, type RunningAgent } from "./agent-fixtures";
import { leftPanel, signInAsAdmin } from "./helpers";
import { makePng, readOutboxMail } from "./ticket-fixtures";

const SCREENS = "test-results/screens";
let agent: RunningAgent | null = null;
test.afterEach(() => agent?.stop());
test.describe.configure({ timeout: 120_000 });

test("an end user opens a ticket in the agent's Add Ticket form; the technician answers it in the console and the reply mail reaches them", async ({
  page,
  context,
  baseURL,
}) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => void dialogs.push(dialog.message()));
  await signInAsAdmin(page);
  const hostname = `PC-TICKET-${Date.now()}`;
  agent = await runAgentWithHelpdesk(page, baseURL!, {
    customer: `Tailspin Toys ${Date.now()}`,
    hostname,
    ip: "10.0.0.42",
    profile: "CONTOSO\\grace",
    displayName: "Grace Hopper",
  });
  const local = await context.newPage();
  await local.goto(await agent.localUrl());
  const nav = local.getByRole("navigation", { name: "Helpdesk" });
  // Create New Ticket leads to Personal Info Settings until the identity is confirmed.
  await nav.getByRole("link", { name: "Add Ticket" }).click();
  await expect(local.getByText("Confirm your identity before you create a ticket")).toBeVisible();
  const email = `grace.${Date.now()}@tailspin.test`;
  await local.getByLabel("Email").fill(email);
  await local.getByRole("button", { name: "Send Token" }).click();
  const token = /^([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})$/m.exec(
    await readOutboxMail(page, { to: email, subject: "Your Helpline confirmation token" }),
  )![1]!;
  await local.getByLabel("Confirmation Token").fill(token);
  await local.getByRole("button", { name: "Save" }).click();
  await expect(local.getByRole("status")).toContainText("you are confirmed");

  await nav.getByRole("link", { name: "Add Ticket" }).click();
  await expect(local.getByRole("heading", { name: "Add Ticket" })).toBeVisible();
  await expect(local.getByText("No screenshot could be taken of your screen.")).toBeVisible();
  await local.getByLabel("Title").fill("Outlook crashes when I open the calendar");
  await local.getByLabel("Description").fill("Since this morning, every time.");
  await local.getByLabel("Attachments").setInputFiles({ name: "error.png", mimeType: "image/png", buffer: makePng() });
  await local.screenshot({ path: `${SCREENS}/add-ticket.png` });
  await local.getByRole("button", { name: "Submit" }).click();
  const created = local.getByRole("heading", { name: /^Ticket #\d+ created$/ });
  await expect(created).toBeVisible();
  const number = Number(/#(\d+)/.exec((await created.textContent())!)![1]);
  await expect(local.getByRole("link", { name: "View it in the Customer Portal" })).toHaveAttribute(
    "href",
    new RegExp(`/portal/tickets/${number}$`),
  );

  // Stored markup is shown as text everywhere, never run.
  const hostile = `<img src=x onerror=alert(1)><script>alert("x")</script> ${Date.now()}`;
  await nav.getByRole("link", { name: "Add Ticket" }).click();
  await local.getByLabel("Title").fill(hostile);
  await local.getByRole("button", { name: "Submit" }).click();
  await expect(local.getByRole("heading", { name: /^Ticket #\d+ created$/ })).toBeVisible();
  await nav.getByRole("link", { name: "My tickets" }).click();
  await expect(local.getByRole("row").filter({ hasText: "Outlook crashes when I open the calendar" })).toContainText(
    "Open",
  );
  await expect(local.getByRole("cell", { name: hostile })).toBeVisible();

  // The ticket in the console: linked to customer, contact and device, with the snapshot.
  await leftPanel(page).getByRole("link", { name: "Tickets" }).click();
  await expect(page.getByRole("row").filter({ hasText: hostile })).toBeVisible();
  await page.getByRole("link", { name: "Outlook crashes when I open the calendar" }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${number}$`));
  await expect(
    page.getByRole("heading", { name: `#${number} Outlook crashes when I open the calendar` }),
  ).toBeVisible();
  await expect(page.getByText(hostname).first()).toBeVisible();
  await expect(page.getByText("10.0.0.42")).toBeVisible();
  await expect(page.getByText(email).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "error.png" }).first()).toBeVisible();
  await page.getByRole("tab", { name: "Reply" }).click();
  await page.getByLabel("Message").fill("We are on it: please restart Outlook once the update is done.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Reply sent to ${email}` })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/agent-ticket-console.png`, fullPage: true });

  const title = "Outlook crashes when I open the calendar";
  const receipt = await readOutboxMail(page, { to: email, subject: `[#${number}] ${title}`, exact: true });
  expect(receipt).toContain(`We received your ticket #${number}: ${title}`);
  expect(receipt).toContain(`/portal/tickets/${number}`);
  // Every later mail keeps the receipt's subject after "Re: ", so mail programs keep one thread.
  const reply = await readOutboxMail(page, { to: email, subject: `Re: [#${number}] ${title}`, exact: true });
  expect(reply).toContain("We are on it: please restart Outlook once the update is done.");

  await page.goto("/tickets");
  await page.getByRole("link", { name: hostile }).click();
  await expect(
    page.getByRole("heading", { name: new RegExp(`#\\d+ ${hostile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }),
  ).toBeVisible();
  expect(dialogs).toEqual([]);
});
