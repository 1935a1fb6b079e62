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

  // The Dashboard: compliance per customer (the answered ticket met its first response) and due next.
  await leftPanel(page).getByRole("link", { name: "Dashboard" }).click();
  const compliance = page.getByRole("region", { name: "SLA compliance" });
  const customerRow = compliance.getByRole("row").filter({ hasText: desk.customer });
  await expect(customerRow.getByRole("cell").first()).toContainText("100%");
  await expect(customerRow.getByRole("cell").first()).toContainText("1 of 1 met");
  const dueNext = page.getByRole("region", { name: "Due next" }).getByRole("list", { name: "Tickets due next" });
  await expect(dueNext).toContainText(critical.title);
  await expect(dueNext).not.toContainText(waiting.title);
  await compliance.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/sla-dashboard.png`, fullPage: true });
});

// A customer of its own policy, on a calendar open around the clock, whose critical tickets must be
// answered within a minute: the ticket passes its warning (50 %, 30 s) and its due time while the
// test watches.
test("a ticket past its warning is Due soon, then Breached, in the list, the SLA filter and its SLA card", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const run = Date.now().toString(36);
  await signInAsAdmin(page);
  const desk = await setUpHelpdeskContact(page);

  await leftPanel(page).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Business hours" }).click();
  await page.getByRole("link", { name: "New calendar" }).click();
  const editor = page.getByRole("form", { name: "Calendar" });
  await editor.getByRole("textbox", { name: "Name", exact: true }).fill(`Around the clock ${run}`);
  await editor.getByLabel("Time zone").fill("UTC");
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]) {
    const row = editor.getByRole("group", { name: day });
    await row.getByRole("checkbox", { name: "Open" }).check();
    await row.getByLabel("Range 1 start").fill("00:00");
    await row.getByLabel("Range 1 end").fill("24:00");
  }
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Around the clock ${run} is saved.` })).toBeVisible();

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "SLAs" }).click();
  await page.getByRole("link", { name: "New policy" }).click();
  const policy = page.getByRole("form", { name: "Policy" });
  await policy.getByLabel("Name").fill(`One minute ${run}`);
  await policy.getByLabel("Calendar").selectOption({ label: `Around the clock ${run} (UTC)` });
  await policy.getByRole("textbox", { name: "Critical first response", exact: true }).fill("1");
  await policy.getByRole("combobox", { name: "Critical first response unit" }).selectOption("minutes");
  await policy.getByLabel("Warning at").fill("50");
  await policy.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: `One minute ${run} is saved` })).toBeVisible();

  await leftPanel(page).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("link", { name: desk.customer }).click();
  await expect(page).toHaveURL(/\/customers\/[\w-]+$/);
  const customerId = /\/customers\/([\w-]+)/.exec(page.url())![1]!;
  await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "SLA" }).click();
  const sla = page.getByRole("form", { name: "SLA" });
  await sla.getByLabel("SLA policy").selectOption({ label: `One minute ${run}` });
  await sla.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: `follow One minute ${run}` })).toBeVisible();

  const ticket = await desk.openTicket({ title: "The whole office is offline", priority: "critical" });
  await page.goto(`/tickets?customerId=${customerId}`);
  const row = page.getByRole("row").filter({ hasText: ticket.title });
  const due = row.getByRole("cell").nth(7);
  // The list reads itself again every 15 s.
  await expect(due).toContainText("Due soon", { timeout: 75_000 });
  await expect(due.locator("time")).toHaveAttribute(
    "title",
    /^Due \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} [A-Z][\w+:-]*$/,
  );
  await expect(due).toContainText("Breached", { timeout: 75_000 });
  await page.getByLabel("SLA").selectOption({ label: "Breached" });
  await expect(page.getByRole("row").filter({ hasText: ticket.title })).toBeVisible();
  await page.getByLabel("SLA").selectOption({ label: "On track" });
  await expect(page.getByRole("heading", { name: "No tickets match these filters" })).toBeVisible();
  await page.getByLabel("SLA").selectOption({ label: "Breached" });
  await expect(page.getByRole("row").filter({ hasText: ticket.title })).toContainText("Breached");
  await page.screenshot({ path: `${SCREENS}/sla-breached-list.png` });

  await page.getByRole("link", { name: ticket.title }).click();
  const card = page.getByRole("region", { name: "SLA" });
  await expect(card).toContainText(`One minute ${run}`);
  const firstResponse = card.getByRole("group", { name: "First response" });
  await expect(firstResponse).toContainText("Breached");
  await expect(firstResponse).toContainText("Target 1 min of business time");
  await expect(firstResponse).toContainText("Overdue by");
  await page.screenshot({ path: `${SCREENS}/sla-breached-ticket.png` });
});
