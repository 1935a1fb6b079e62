import { expect, test, type Page } from "@playwright/test";
import { addTechnicianThroughSettings, leftPanel, signIn, signInAsAdmin, signOut } from "./helpers";
import { setUpHelpdeskContact } from "./ticket-fixtures";

const SCREENS = "test-results/screens";

test.describe.configure({ timeout: 180_000 });

async function openSettingsTab(page: Page, tab: "General" | "Business hours" | "SLAs") {
  await leftPanel(page).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: tab }).click();
}

async function expectToast(page: Page, text: string | RegExp) {
  await expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();
}

async function newPolicy(page: Page, name: string, calendar: string, options: { makeDefault: boolean }) {
  await openSettingsTab(page, "SLAs");
  await page.getByRole("link", { name: "New policy" }).click();
  const form = page.getByRole("form", { name: "Policy" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Calendar").selectOption({ label: `${calendar} (Europe/Paris)` });
  await form.getByRole("textbox", { name: "Critical first response", exact: true }).fill("30");
  await form.getByRole("combobox", { name: "Critical first response unit" }).selectOption("minutes");
  await form.getByLabel("Warning at").fill("80");
  if (options.makeDefault) await form.getByRole("checkbox", { name: /Default policy/ }).check();
  await form.getByRole("button", { name: "Save" }).click();
  await expectToast(page, `${name} is saved`);
  await expect(page).toHaveURL(/\/settings\/slas$/);
}

test("SLA settings: time zone, a calendar with split days and a holiday, policies, the default, a customer's own", async ({
  page,
}) => {
  const run = Date.now().toString(36);
  const calendarName = `Paris office ${run}`;
  await signInAsAdmin(page);

  // Settings ▸ General: the MSP's time zone.
  await openSettingsTab(page, "General");
  const general = page.getByRole("form", { name: "General" });
  const serverZone = await general.getByLabel("Time zone").inputValue();
  await general.getByLabel("Time zone").fill("Europe/Paris");
  await expect(general.getByText(/Now UTC\+0[12]:00 \(CES?T\)\./)).toBeVisible();
  await general.getByRole("button", { name: "Save" }).click();
  await expectToast(page, "The console now shows times in Europe/Paris.");
  await page.screenshot({ path: `${SCREENS}/sla-general.png` });

  // Settings ▸ Business hours ▸ New calendar: two ranges a day, Mon–Fri, and Christmas every year.
  await openSettingsTab(page, "Business hours");
  await page.getByRole("link", { name: "New calendar" }).click();
  const editor = page.getByRole("form", { name: "Calendar" });
  await editor.getByRole("textbox", { name: "Name", exact: true }).fill(calendarName);
  await expect(editor.getByLabel("Time zone")).toHaveValue("Europe/Paris");
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]) {
    const row = editor.getByRole("group", { name: day });
    await expect(row.getByRole("checkbox", { name: "Open" })).toBeChecked();
    await row.getByLabel("Range 1 start").fill("08:00");
    await row.getByLabel("Range 1 end").fill("12:00");
    await row.getByRole("button", { name: "Add range" }).click();
    // Monday's second range overlaps its first: the save is refused at that row.
    await row.getByLabel("Range 2 start").fill(day === "Monday" ? "11:00" : "13:00");
    await row.getByLabel("Range 2 end").fill("17:30");
  }
  await expect(
    editor.getByRole("group", { name: "Saturday" }).getByRole("checkbox", { name: "Open" }),
  ).not.toBeChecked();
  await editor.getByRole("button", { name: "Add holiday" }).click();
  const holiday = editor.getByRole("group", { name: "Holiday 1" });
  await holiday.getByLabel("Date").fill("2026-12-25");
  await holiday.getByLabel("Holiday name").fill("Christmas Day");
  await holiday.getByRole("checkbox", { name: "Every year" }).check();
  await editor.getByRole("button", { name: "Save" }).click();

  await expect(page.getByRole("alert").filter({ hasText: "Check the highlighted fields." })).toBeVisible();
  const monday = editor.getByRole("group", { name: "Monday" });
  await expect(monday.getByText("Overlaps 08:00–12:00 on Monday.")).toBeVisible();
  await expect(monday.getByLabel("Range 2 start")).toHaveAttribute("aria-invalid", "true");
  // Nothing typed is lost.
  await expect(editor.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(calendarName);
  await expect(editor.getByRole("group", { name: "Friday" }).getByLabel("Range 2 end")).toHaveValue("17:30");
  await expect(holiday.getByLabel("Holiday name")).toHaveValue("Christmas Day");
  await expect(holiday.getByRole("checkbox", { name: "Every year" })).toBeChecked();
  await page.screenshot({ path: `${SCREENS}/sla-calendar-errors.png`, fullPage: true });

  await monday.getByLabel("Range 2 start").fill("13:00");
  await editor.getByRole("button", { name: "Save" }).click();
  await expectToast(page, `${calendarName} is saved.`);
  await expect(page).toHaveURL(/\/settings\/business-hours\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("group", { name: "Monday" }).getByLabel("Range 2 start")).toHaveValue("13:00");
  await openSettingsTab(page, "Business hours");
  const calendarRow = page.getByRole("row").filter({ hasText: calendarName });
  await expect(calendarRow).toContainText("Europe/Paris");
  await expect(calendarRow).toContainText("Mon–Fri 08:00–12:00, 13:00–17:30");
  await page.screenshot({ path: `${SCREENS}/sla-business-hours.png` });

  // Settings ▸ SLAs: Gold, made the default, and Silver for one customer.
  await newPolicy(page, `Gold ${run}`, calendarName, { makeDefault: true });
  await expectToast(page, "is now the default policy");
  const gold = page.getByRole("row").filter({ hasText: `Gold ${run}` });
  await expect(gold.getByText("Default", { exact: true })).toBeVisible();
  await expect(gold).toContainText("Critical30 min / 4 h");
  await newPolicy(page, `Silver ${run}`, calendarName, { makeDefault: false });
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: `Silver ${run}` })
      .getByText("Default", { exact: true }),
  ).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/sla-policies.png` });

  // A policy's editor refuses a resolution shorter than its first response, at that cell.
  await page.getByRole("link", { name: `Silver ${run}` }).click();
  const policy = page.getByRole("form", { name: "Policy" });
  await policy.getByRole("textbox", { name: "High resolution", exact: true }).fill("1");
  await policy.getByRole("button", { name: "Save" }).click();
  await expect(policy.getByText("Resolution cannot be shorter than the first response.")).toBeVisible();
  await expect(policy.getByRole("textbox", { name: "High resolution", exact: true })).toHaveValue("1");
  await page.screenshot({ path: `${SCREENS}/sla-policy-errors.png`, fullPage: true });

  // Customer page ▸ SLA: the customer's own policy.
  await leftPanel(page).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("button", { name: "New customer" }).click();
  await page.getByRole("dialog", { name: "New customer" }).getByLabel("Name").fill(`Acme ${run}`);
  await page.getByRole("dialog", { name: "New customer" }).getByRole("button", { name: "Create" }).click();
  await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "SLA" }).click();
  const sla = page.getByRole("form", { name: "SLA" });
  const choice = sla.getByLabel("SLA policy");
  await expect(choice.locator("option:checked")).toHaveText(`Default policy (Gold ${run})`);
  await choice.selectOption({ label: `Silver ${run}` });
  await expect(sla).toContainText(`Calendar: ${calendarName} (Europe/Paris), Mon–Fri 08:00–12:00, 13:00–17:30`);
  await sla.getByRole("button", { name: "Save" }).click();
  await expectToast(page, `New tickets of this customer follow Silver ${run}.`);
  await page.reload();
  await expect(page.getByRole("form", { name: "SLA" }).getByLabel("SLA policy").locator("option:checked")).toHaveText(
    `Silver ${run}`,
  );
  await page.screenshot({ path: `${SCREENS}/sla-customer.png` });

  // The browser tests after this one share its database: the default policy and the MSP's zone go
  // back to what a fresh install has (Standard, the server's zone).
  await openSettingsTab(page, "SLAs");
  await page.getByRole("link", { name: "Standard", exact: true }).click();
  const standard = page.getByRole("form", { name: "Policy" });
  await standard.getByRole("checkbox", { name: /Default policy/ }).check();
  await standard.getByRole("button", { name: "Save" }).click();
  await expectToast(page, "Standard is saved and is now the default policy.");
  await openSettingsTab(page, "General");
  await page.getByRole("form", { name: "General" }).getByLabel("Time zone").fill(serverZone);
  await page.getByRole("form", { name: "General" }).getByRole("button", { name: "Save" }).click();
  await expectToast(page, `The console now shows times in ${serverZone}.`);
});

test("Languages: Settings ▸ General ▸ Language, a customer's Language and its contacts' language", async ({ page }) => {
  await signInAsAdmin(page);

  // Settings ▸ General: the MSP's default for end users, English on a fresh install.
  await openSettingsTab(page, "General");
  const general = page.getByRole("form", { name: "General" });
  const mspLanguage = general.getByLabel("Language");
  await expect(mspLanguage.locator("option:checked")).toHaveText("English");
  await expect(mspLanguage.locator("option")).toHaveText(["English", "Français"]);
  await expect(general).toContainText("The language end users get when neither they nor their customer chose one.");
  const zone = await general.getByLabel("Time zone").inputValue();
  await page.screenshot({ path: `${SCREENS}/languages-general.png` });
  // A round trip to French and back at once: the browser tests after this one expect English.
  try {
    await mspLanguage.selectOption({ label: "Français" });
    await general.getByRole("button", { name: "Save" }).click();
    await expectToast(page, `The console now shows times in ${zone}. End users' default language: Français.`);
    await page.reload();
    await expect(
      page.getByRole("form", { name: "General" }).getByLabel("Language").locator("option:checked"),
    ).toHaveText("Français");
  } finally {
    await openSettingsTab(page, "General");
    await page.getByRole("form", { name: "General" }).getByLabel("Language").selectOption({ label: "English" });
    await page.getByRole("form", { name: "General" }).getByRole("button", { name: "Save" }).click();
    await expectToast(page, "End users' default language: English.");
  }

  // Customer page ▸ Language: French for this customer's contacts who have no language of their own.
  const { customer, contact } = await setUpHelpdeskContact(page, { fullName: "Léa Martin" });
  await leftPanel(page).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("link", { name: customer, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: customer })).toBeVisible();
  const customerPath = new URL(page.url()).pathname;
  const form = page.getByRole("form", { name: "Language" });
  await expect(form.getByLabel("Language").locator("option:checked")).toHaveText("MSP default (English)");
  await form.getByLabel("Language").selectOption({ label: "Français" });
  await form.getByRole("button", { name: "Save" }).click();
  await expectToast(page, "Contacts of this customer without a language of their own now get Français.");
  await page.reload();
  await expect(
    page.getByRole("form", { name: "Language" }).getByLabel("Language").locator("option:checked"),
  ).toHaveText("Français");

  // Customer page ▸ Contacts: the contact follows the customer's default, and says so.
  await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Contacts" }).click();
  const row = page.getByRole("row").filter({ hasText: contact.email });
  await expect(row.getByRole("cell").nth(2)).toHaveText("Français (customer default)");
  await page.screenshot({ path: `${SCREENS}/languages-customer.png`, fullPage: true });

  // A technician reads the customer's language; only an admin changes it, as the customer's SLA.
  const technician = await addTechnicianThroughSettings(page);
  await signOut(page);
  await signIn(page, technician.email, technician.password);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.goto(customerPath);
  const readOnly = page.getByRole("form", { name: "Language" });
  await expect(readOnly.getByLabel("Language")).toBeDisabled();
  await expect(readOnly.getByLabel("Language").locator("option:checked")).toHaveText("Français");
  await expect(readOnly.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(readOnly).toContainText("Only an admin can change a customer's language.");
});
