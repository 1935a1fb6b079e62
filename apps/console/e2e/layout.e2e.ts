import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { leftPanel, signInAsAdmin } from "./helpers";
import { makePng, setUpHelpdeskContact } from "./ticket-fixtures";

const SCREENS = "test-results/screens/layout";
const AGENT_API = "/api/agent/v1";
const CONSOLE_VIEWPORT = { width: 1280, height: 800 };
const PHONE_VIEWPORT = { width: 390, height: 844 };

// Glyphs drawn for the eye (arrows, carets, ticks, crosses, bullets): in a control's accessible name a
// screen reader reads them out ("black down-pointing small triangle"), so they must be aria-hidden.
const DECORATIVE_GLYPHS = /[▾▸▴◂▲▼►◄▶◀→←↑↓⟶⟵⇒⇐↗↘↻⟳×✓✔✕✖✗✘•·›‹»«⌄⌃★☆✎⚠]/u;

type Seeded = {
  customer: string;
  longCustomerId: string;
  deviceId: string;
  ticketNumber: number;
  portalToken: () => Promise<string>;
};
let seeded: Seeded;

test.describe.configure({ timeout: 360_000 });

/**
 * What makes pages long and tables wide: a customer with a long name and 60 devices (long host
 * names, domain profiles, servers, nobody signed in), the Helpdesk Agent applied to all of them,
 * and a ticket with a long conversation, internal notes and attachments.
 */
async function seed(browser: Browser): Promise<Seeded> {
  const page = await browser.newPage({ viewport: CONSOLE_VIEWPORT });
  await signInAsAdmin(page);
  const tag = randomUUID().slice(0, 4).toUpperCase();
  const grace = await setUpHelpdeskContact(page, { customer: `Contoso Pharmaceuticals International ${tag}` });
  const ticket = await grace.openTicket({
    title: "Outlook crashes every morning when the calendar of the shared mailbox for the front desk opens",
    description:
      "Every morning at 9 Outlook freezes, then closes.\n\nThe event log says:\nFaulting application name: OUTLOOK.EXE, version: 16.0.17328.20142, faulting module: mso20win32client.dll\nhttps://support.example.test/kb/outlook/calendar/shared-mailbox/freeze?id=0x800CCC0E&source=front-desk&really=long-unbroken-query-string",
    attachments: [
      { name: "screenshot-of-the-error-dialog-at-09-02.png", contentType: "image/png", data: makePng(640, 360) },
      { name: "outlook-log.txt", contentType: "text/plain", data: Buffer.from("ERROR 0x800CCC0E\n".repeat(40)) },
      { name: "second-screenshot.png", contentType: "image/png", data: makePng(200, 120) },
    ],
  });

  // More than a page of tickets, each with its receipt in the Outbox.
  for (let index = 1; index <= 54; index++)
    await grace.openTicket({ title: `Printer ${index} on the second floor prints blank pages` });

  // A second customer with a long name and a fleet of mixed devices.
  const longCustomer = `Northwind Traders Logistics & Warehousing Holdings ${tag}`;
  await leftPanel(page).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("button", { name: "New customer" }).click();
  await page.getByRole("dialog", { name: "New customer" }).getByLabel("Name").fill(longCustomer);
  await page.getByRole("dialog", { name: "New customer" }).getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { level: 1, name: longCustomer })).toBeVisible();
  const longCustomerId = /\/customers\/([\w-]+)/.exec(page.url())![1]!;
  const installKey = await page.getByRole("textbox", { name: "Install key" }).inputValue();
  for (let index = 0; index < 60; index++) {
    const server = index % 7 === 3;
    const os = server
      ? { platform: "windows", name: "Windows Server 2022 Datacenter", version: "10.0.20348", kind: "server" }
      : index % 11 === 5
        ? { platform: "linux", name: "Ubuntu 24.04.1 LTS", version: "24.04", kind: "workstation" }
        : { platform: "windows", name: "Windows 11 Pro for Workstations", version: "10.0.22631", kind: "workstation" };
    const hostname =
      index % 5 === 0
        ? `NWT-WAREHOUSE-RECEIVING-${String(index).padStart(3, "0")}`
        : `NWT-PC-${String(index).padStart(3, "0")}`;
    const enrolled = await page.request.post(`${AGENT_API}/enroll`, {
      data: { installKey, machineId: `layout-${tag}-${index}`, hostname, os, agentVersion: "1.0.0" },
    });
    expect(enrolled.status(), await enrolled.text()).toBe(201);
    const { agentToken } = (await enrolled.json()) as { agentToken: string };
    const profile =
      index % 9 === 4
        ? undefined
        : { name: `NORTHWIND-TRADERS\\firstname.lastname${index}`, displayName: `Firstname Lastname ${index}` };
    const checkin = await page.request.post(`${AGENT_API}/checkin`, {
      headers: { authorization: `Bearer ${agentToken}` },
      data: {
        agentVersion: "1.0.0",
        hostname,
        os,
        ip: `10.20.${index}.7`,
        currentProfile: profile ?? null,
        waitSeconds: 0,
      },
    });
    expect(checkin.status(), await checkin.text()).toBe(200);
  }

  // A long conversation: replies and internal notes, from the console.
  await page.goto(`/tickets/${ticket.number}`);
  for (let index = 1; index <= 6; index++) {
    const note = index % 3 === 0;
    await page.getByRole("tab", { name: note ? "Internal note" : "Reply" }).click();
    await page
      .getByLabel("Message")
      .fill(
        `${note ? "Note" : "Reply"} ${index}: ${"Please close Outlook, then start it with outlook.exe /safe and tell me whether the calendar opens. ".repeat(index % 2 ? 1 : 4)}`,
      );
    await page.getByRole("button", { name: note ? "Add note" : "Send reply" }).click();
    await expect(page.getByRole("list", { name: "Conversation" }).getByRole("article")).toHaveCount(index + 1);
  }
  await page.close();
  return {
    customer: grace.customer,
    longCustomerId,
    deviceId: grace.deviceId,
    ticketNumber: ticket.number,
    portalToken: async () => {
      const response = await (
        await browser.newContext()
      ).request.post(`${AGENT_API}/helpdesk/portal-link`, {
        headers: { authorization: `Bearer ${grace.agentToken}` },
        data: { profile: grace.profile },
      });
      expect(response.status(), await response.text()).toBe(200);
      return new URL(((await response.json()) as { url: string }).url).pathname.split("/").at(-1)!;
    },
  };
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(400_000);
  seeded = await seed(browser);
});

/** The page's layout as the browser computed it: what a screenshot shows, in numbers. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const panel = document.querySelector('aside[aria-label="Left panel"]');
    const tables = [...document.querySelectorAll("main table")].map((table) => {
      const box = table.parentElement!;
      return {
        label:
          table.closest("section,div[aria-label]")?.getAttribute("aria-label") ??
          table.querySelector("th")?.textContent ??
          "table",
        tableWidth: table.scrollWidth,
        boxWidth: box.clientWidth,
      };
    });
    return {
      documentHeight: document.documentElement.scrollHeight,
      documentWidth: document.documentElement.scrollWidth,
      viewportWidth: window.innerWidth,
      panelHeight: panel ? panel.getBoundingClientRect().height : null,
      tables,
    };
  });
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
  const layout = await measure(page);
  if (layout.panelHeight !== null)
    expect
      .soft(layout.panelHeight, `${name}: the dark left panel reaches the bottom of the page`)
      .toBeGreaterThanOrEqual(layout.documentHeight - 1);
  expect
    .soft(layout.documentWidth, `${name}: nothing sticks out to the right`)
    .toBeLessThanOrEqual(layout.viewportWidth);
  return layout;
}

test("console pages with long content fill the height and fit the width at 1280×800 (full-page screenshots)", async ({
  page,
}) => {
  await page.setViewportSize(CONSOLE_VIEWPORT);
  await signInAsAdmin(page);
  await shoot(page, "dashboard");

  await leftPanel(page).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  await shoot(page, "customers");

  await page.goto(`/customers/${seeded.longCustomerId}`);
  await expect(page.getByText(/Showing 1–50 of 60/)).toBeVisible();
  await shoot(page, "customer");
  await page.goto("/customers");
  await page.getByRole("link", { name: seeded.customer }).click();
  await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Contacts" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Grace Hopper" })).toBeVisible();
  await shoot(page, "customer-contacts");

  await leftPanel(page).getByRole("link", { name: "Devices" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Devices" })).toBeVisible();
  await page.getByLabel("Customer").selectOption({
    label: (await page
      .getByLabel("Customer")
      .locator("option", { hasText: "Northwind Traders" })
      .first()
      .textContent())!,
  });
  await expect(page.getByText("Showing 1–50 of 60")).toBeVisible();
  await page.getByRole("checkbox", { name: "Select all" }).check();
  await page.getByRole("button", { name: "Select all 60 devices" }).click();
  await page.getByRole("button", { name: "Helpdesk Agent" }).click();
  const dialog = page.getByRole("dialog", { name: "Helpdesk Agent" });
  await dialog.getByRole("button", { name: "Apply" }).click();
  await expect(dialog.getByRole("list", { name: "Results" })).toBeVisible();
  await shoot(page, "devices-bulk-result");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Active — awaiting identity" }).first()).toBeVisible();
  const devices = await shoot(page, "devices");
  const devicesTable = devices.tables[0]!;
  expect
    .soft(devicesTable.tableWidth, "the Devices table fits its container at 1280×800")
    .toBeLessThanOrEqual(devicesTable.boxWidth);

  await page.goto(`/devices/${seeded.deviceId}`);
  await expect(page.getByRole("region", { name: "User profiles" })).toBeVisible();
  await shoot(page, "device");

  await leftPanel(page).getByRole("link", { name: "Tickets" }).click();
  await page.getByLabel("Status").selectOption({ label: "All statuses" });
  await expect(page.getByRole("row").filter({ hasText: "Printer 54 on the second floor" })).toBeVisible();
  await shoot(page, "tickets");

  await page.goto(`/tickets/${seeded.ticketNumber}`);
  await expect(page.getByRole("list", { name: "Conversation" }).getByRole("article")).toHaveCount(7);
  await shoot(page, "ticket");

  for (const tab of ["Technicians", "Portal", "Audit log", "Outbox", "Email"]) {
    await page.goto("/settings/technicians");
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: tab }).click();
    await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: tab })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await shoot(page, `settings-${tab.toLowerCase().replace(" ", "-")}`);
  }
  await page.goto("/settings/outbox");
  await page
    // A receipt: the first mail of a ticket, `[#N] title` (later ones are `Re: [#N] title`).
    .getByRole("link", { name: /^\[#\d+\] / })
    .first()
    .click();
  await expect(page.getByRole("region", { name: "Message" })).toBeVisible();
  await expect(page.frameLocator('iframe[title="HTML part"]').locator("body")).toContainText("We received your ticket");
  await shoot(page, "settings-outbox-message");
  // A sandboxed frame is painted only in the viewport: a full-page shot leaves it blank.
  await page
    .getByRole("region", { name: "Message" })
    .screenshot({ path: `${SCREENS}/settings-outbox-message-region.png` });
});

test("the Customer Portal with long content fits a 390×844 phone (full-page screenshots)", async ({
  page,
  baseURL,
}) => {
  await page.setViewportSize(PHONE_VIEWPORT);
  const signedIn = await page.request.post("/portal/api/session", {
    headers: { origin: baseURL! },
    form: { token: await seeded.portalToken(), next: "/portal" },
  });
  expect(signedIn.url()).toMatch(/\/portal$/);
  await page.goto("/portal");
  await expect(page.getByRole("list", { name: "Tickets" }).getByRole("link")).toHaveCount(50);
  await shoot(page, "portal-tickets");
  await page.goto(`/portal/tickets/${seeded.ticketNumber}`);
  await expect(page.getByRole("list", { name: "Conversation" })).toBeVisible();
  await shoot(page, "portal-ticket");
  await page.goto("/portal/tickets/new");
  await shoot(page, "portal-new-ticket");
  await page.goto("/portal/settings");
  await shoot(page, "portal-preferences");
});

test("no button, link, tab or menu item has a decorative glyph in its accessible name", async ({ page, baseURL }) => {
  await page.setViewportSize(CONSOLE_VIEWPORT);
  const offenders: string[] = [];
  const check = async (where: string) => {
    for (const role of ["button", "link", "menuitem", "tab"] as const) {
      const named = page.getByRole(role, { name: DECORATIVE_GLYPHS });
      for (const name of await named.evaluateAll((elements) =>
        elements.map((element) => element.textContent?.trim() ?? ""),
      ))
        offenders.push(`${where}: ${role} "${name}"`);
    }
  };
  for (const path of ["/sign-in", "/portal/sign-in"]) {
    await page.goto(path);
    await check(path);
  }
  await signInAsAdmin(page);
  for (const path of [
    "/",
    "/customers",
    `/customers/${seeded.longCustomerId}`,
    "/devices",
    "/tickets",
    `/tickets/${seeded.ticketNumber}`,
    "/settings/technicians",
    "/settings/portal",
    "/settings/audit-log",
    "/settings/outbox",
    "/settings/email",
  ]) {
    await page.goto(path);
    await expect(leftPanel(page)).toBeVisible();
    await check(path);
  }
  // Menus exist only while open: the Device / Agent page's Manage menu and its submenu.
  await page.goto(`/devices/${seeded.deviceId}`);
  await page.getByRole("button", { name: /^Manage/ }).click();
  await page.getByRole("menuitem", { name: "Helpdesk Agent", exact: true }).click();
  await expect(page.getByRole("menu", { name: "Helpdesk Agent" })).toBeVisible();
  await check("Device / Agent with Manage open");
  await page.keyboard.press("Escape");
  // Dialogs: New customer, New ticket, and the Devices bulk dialog.
  await page.goto("/customers");
  await page.getByRole("button", { name: "New customer" }).click();
  await check("New customer dialog");
  await page.goto("/tickets");
  await page.getByRole("button", { name: "New ticket" }).click();
  await check("New ticket dialog");
  await page.goto("/devices");
  await page.getByRole("checkbox", { name: "Select all" }).check();
  await page.getByRole("button", { name: "Helpdesk Agent" }).click();
  const bulk = page.getByRole("dialog", { name: "Helpdesk Agent" });
  await check("Helpdesk Agent dialog");
  await bulk.getByRole("button", { name: "Apply" }).click();
  await expect(bulk.getByRole("list", { name: "Results" })).toBeVisible();
  await check("Helpdesk Agent results");
  await bulk.getByRole("button", { name: "Done" }).click();

  const signedIn = await page.request.post("/portal/api/session", {
    headers: { origin: baseURL! },
    form: { token: await seeded.portalToken(), next: "/portal" },
  });
  expect(signedIn.url()).toMatch(/\/portal$/);
  for (const path of [
    "/portal",
    "/portal?view=customer",
    `/portal/tickets/${seeded.ticketNumber}`,
    "/portal/tickets/new",
    "/portal/settings",
  ]) {
    await page.goto(path);
    await check(path);
  }
  expect(offenders).toEqual([]);
});
