import { expect, test } from "@playwright/test";
import { leftPanel, signInAsAdmin } from "./helpers";
import { setUpHelpdeskContact } from "./ticket-fixtures";

const SCREENS = "test-results/screens";

test.describe.configure({ timeout: 180_000 });

// The default policy "Standard" (made on the first start) gives every new ticket its targets, so
// a ticket just opened is on track whatever the hour: its clocks have counted nothing yet.
test("a technician sees what is due: the Due column, the SLA filter, sorting by due time, the ticket's SLA card and the Dashboard", async ({
  page,
}) => {
  await signInAsAdmin(page);
  const desk = await setUpHelpdeskContact(page);
  const critical = await desk.openTicket({ title: "Server room is too hot", priority: "critical" });
  const low = await desk.openTicket({ title: "New mouse for Grace", priority: "low" });
  const waiting = await desk.openTicket({ title: "Which printer should we buy", priority: "medium" });

  // Pending pauses the clocks.
  await page.goto(`/tickets/${waiting.number}`);
  await page.getByLabel("Status").selectOption({ label: "Pending" });
  await expect(page.getByRole("status").filter({ hasText: "Status changed to Pending" })).toBeVisible();

  // The Tickets list: a Due column, relative, with the exact time and its zone on hover.
  await leftPanel(page).getByRole("link", { name: "Tickets" }).click();
  await page.getByLabel("Customer").selectOption({ label: desk.customer });
  await expect(page.getByRole("columnheader", { name: "Due", exact: true })).toBeVisible();
  const row = (title: string) => page.getByRole("row").filter({ hasText: title });
  await expect(row(critical.title)).toBeVisible();
  const due = row(critical.title).locator("time").first();
  await expect(due).toHaveText(/^in (\d+ d )?(\d+ h ?)?(\d+ min)?$/);
  await expect(due).toHaveAttribute("title", /^Due \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} [A-Z+\-:\d]+$/);
  await expect(row(waiting.title)).toContainText("Paused");

  // Sort by due time: the critical ticket is due before the low one, the paused one comes last.
  await page.getByLabel("Sort").selectOption({ label: "Due time, soonest first" });
  await expect(page).toHaveURL(/sort=due/);
  const titles = page.getByRole("row").locator("td:nth-child(2)");
  await expect(titles).toHaveText([critical.title, low.title, waiting.title]);
  await expect(page.getByText("3 tickets on this page, soonest due first")).toBeVisible();

  // The SLA filter, with the customer filter still on.
  await page.getByLabel("SLA").selectOption({ label: "On track" });
  await expect(page).toHaveURL(/sla=on_track/);
  await expect(titles).toHaveText([critical.title, low.title]);
  await page.getByLabel("SLA").selectOption({ label: "Breached" });
  await expect(page.getByRole("heading", { name: "No tickets match these filters" })).toBeVisible();
  await page.getByLabel("SLA").selectOption({ label: "On track" });
  await expect(titles).toHaveText([critical.title, low.title]);
  await page.screenshot({ path: `${SCREENS}/sla-tickets-list.png` });

  // The ticket page's SLA card: the policy, both targets, due time with its zone, state.
  await row(critical.title).getByRole("link", { name: critical.title }).click();
  const card = page.getByRole("region", { name: "SLA" });
  await expect(card).toContainText("Standard");
  const firstResponse = card.getByRole("group", { name: "First response" });
  await expect(firstResponse).toContainText("On track");
  await expect(firstResponse).toContainText("Target 1 h of business time");
  await expect(firstResponse).toContainText(/Due \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} [A-Z]/);
  const resolution = card.getByRole("group", { name: "Resolution" });
  await expect(resolution).toContainText("Target 4 h of business time");

  // Answering meets the first response.
  const composer = page.getByRole("form", { name: "Composer" });
  await composer.getByLabel("Message").fill("We are on our way with a portable air conditioner.");
  await composer.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reply sent" })).toBeVisible();
  await page.reload();
  await expect(card.getByRole("group", { name: "First response" })).toContainText(/Met at \d{1,2} [A-Z][a-z]{2} \d{4}/);
  await expect(card.getByRole("group", { name: "Resolution" })).toContainText("On track");
  await page.screenshot({ path: `${SCREENS}/sla-ticket.png` });

  // The Dashboard: compliance per customer (the answered ticket met its first response); Due next
  // lists tickets soonest first (which ones depends on the tests before: see the next test).
  await leftPanel(page).getByRole("link", { name: "Dashboard" }).click();
  const compliance = page.getByRole("region", { name: "SLA compliance" });
  const customerRow = compliance.getByRole("row").filter({ hasText: desk.customer });
  await expect(customerRow.getByRole("cell").first()).toContainText("100%");
  await expect(customerRow.getByRole("cell").first()).toContainText("1 of 1 met");
  const dueNext = page.getByRole("region", { name: "Due next" }).getByRole("list", { name: "Tickets due next" });
  await expect(dueNext.getByRole("listitem").first().locator("time")).toHaveAttribute("title", /^Due /);
  await expect(dueNext).not.toContainText(waiting.title);
  await compliance.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/sla-dashboard.png`, fullPage: true });
});
