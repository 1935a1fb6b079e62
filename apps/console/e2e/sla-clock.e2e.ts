import { expect, test } from "@playwright/test";
import { leftPanel, signInAsAdmin } from "./helpers";
import { setUpHelpdeskContact } from "./ticket-fixtures";

const SCREENS = "test-results/screens";

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

  // Overdue, it is among the first tickets Due next on the Dashboard (only tickets breached
  // before it come first).
  await leftPanel(page).getByRole("link", { name: "Dashboard" }).click();
  const dueNext = page
    .getByRole("region", { name: "Due next" })
    .getByRole("listitem")
    .filter({ hasText: ticket.title });
  await expect(dueNext).toContainText("Breached");
});
