import { expect, test } from "@playwright/test";
import { addTechnicianThroughSettings, E2E_ADMIN, leftPanel, signIn, signInAsAdmin, signOut } from "./helpers";

const SCREENS = "test-results/screens";
// The empty states below are those of a fresh server: with one worker, files run in name order and
// this one comes first (the tests that add customers, devices, tickets and mail are named later).
const WRONG_CREDENTIALS = "The email or password is not right.";

test("every console page asks a signed-out visitor to sign in", async ({ page }) => {
  for (const path of ["/", "/customers", "/devices", "/tickets", "/settings/technicians"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  }
  await page.screenshot({ path: `${SCREENS}/sign-in.png` });
});

test("a wrong password or an unknown email gets the same clear message", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, "not the password");
  await expect(page.getByRole("alert").filter({ hasText: WRONG_CREDENTIALS })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(E2E_ADMIN.email);

  await signIn(page, "nobody@e2e.test", E2E_ADMIN.password);
  await expect(page.getByRole("alert").filter({ hasText: WRONG_CREDENTIALS })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("the admin signs in, walks the left panel, adds a technician and signs out", async ({ page }) => {
  await signInAsAdmin(page);
  const panel = leftPanel(page);
  await expect(panel.getByText("Administrator")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/dashboard.png` });

  for (const [link, heading, empty] of [
    ["Customers", "Customers", "No customers yet"],
    ["Devices", "Devices", "No devices yet"],
    ["Tickets", "Tickets", "No unresolved tickets"],
  ] as const) {
    await panel.getByRole("link", { name: link }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole("heading", { name: empty })).toBeVisible();
    await expect(panel.getByRole("link", { name: link })).toHaveAttribute("aria-current", "page");
  }

  await panel.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("cell", { name: E2E_ADMIN.email })).toBeVisible();
  const form = page.getByRole("form", { name: "Add technician" });
  await form.getByRole("button", { name: "Add technician" }).click();
  await expect(form.getByText("Enter a name.")).toBeVisible();
  await expect(form.getByText("Enter a valid email address.")).toBeVisible();
  await expect(form.getByText("Use at least 12 characters.")).toBeVisible();

  const technician = await addTechnicianThroughSettings(page);
  await page.screenshot({ path: `${SCREENS}/technicians.png` });

  await form.getByLabel("Name").fill("Duplicate");
  await form.getByLabel("Email").fill(technician.email);
  await form.getByLabel("Password").fill("another long password");
  await form.getByRole("button", { name: "Add technician" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "A technician with this email already exists." }),
  ).toBeVisible();

  await signOut(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a technician works in the console, reads Settings ▸ Email, and is refused the admin-only Settings", async ({
  page,
}) => {
  await signInAsAdmin(page);
  const technician = await addTechnicianThroughSettings(page);
  await signOut(page);

  await signIn(page, technician.email, technician.password);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(leftPanel(page).getByText(technician.name)).toBeVisible();
  // Their Settings are Email, Business hours and SLAs, to read: the policy shows, nothing on it can be changed.
  await leftPanel(page).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings\/email$/);
  const tabs = page.getByRole("navigation", { name: "Settings" }).getByRole("link");
  await expect(tabs).toHaveText(["Email", "Business hours", "SLAs"]);
  await expect(page.getByRole("radio", { name: "Create a ticket in Unassigned customers" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send a test mail to Helpline" })).toHaveCount(0);

  const response = await page.goto("/settings/technicians");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
  await expect(page.getByRole("cell", { name: E2E_ADMIN.email })).toHaveCount(0);
});

test("signing out ends the session on the server, not just in the browser", async ({ page, browser }) => {
  await signInAsAdmin(page);
  const saved = await page.context().storageState();
  await signOut(page);

  const replay = await browser.newContext({ storageState: saved });
  const replayed = await replay.newPage();
  await replayed.goto("/devices");
  await expect(replayed).toHaveURL(/\/sign-in$/);
  await replay.close();
});

test("disabling a technician signs them out at their next click", async ({ page, browser }) => {
  await signInAsAdmin(page);
  const technician = await addTechnicianThroughSettings(page);

  const theirs = await browser.newContext();
  const theirPage = await theirs.newPage();
  await signIn(theirPage, technician.email, technician.password);
  await expect(theirPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  await page.getByRole("button", { name: `Disable ${technician.name}` }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `${technician.name} is disabled and signed out.` }),
  ).toBeVisible();

  await leftPanel(theirPage).getByRole("link", { name: "Devices" }).click();
  await expect(theirPage).toHaveURL(/\/sign-in$/);
  await signIn(theirPage, technician.email, technician.password);
  await expect(theirPage.getByRole("alert").filter({ hasText: WRONG_CREDENTIALS })).toBeVisible();
  await theirs.close();
});

test("Settings ▸ Outbox says where mail goes when no relay is set", async ({ page }) => {
  await signInAsAdmin(page);
  await leftPanel(page).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Outbox" }).click();
  await expect(
    page.getByText("Mail is kept here by the built-in catcher, not sent: set SMTP_URL to deliver it."),
  ).toBeVisible();
  await expect(page.getByText("No mail yet. Identity tokens and ticket receipts appear here.")).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Outbox" }),
  ).toHaveAttribute("aria-current", "page");
});

test("signing in goes back to a page of the console, never to another site, whatever `next` says", async ({
  page,
  baseURL,
}) => {
  test.slow(); // four sign-ins and three sign-outs
  const hostsVisited = new Set<string>();
  page.on("request", (request) => hostsVisited.add(new URL(request.url()).host));
  // Issue 10 §5: each of these is //evil.example/ to a browser.
  for (const next of ["/\\evil.example/", "/\t/evil.example/", "/..//evil.example/"]) {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Email").fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill(E2E_ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    expect(page.url(), next).toBe(`${baseURL}/`);
    await signOut(page);
  }
  expect([...hostsVisited]).toEqual([new URL(baseURL!).host]);

  // A page of the console is still where `next` leads.
  await page.goto(`/sign-in?next=${encodeURIComponent("/tickets?assignee=me")}`);
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tickets" })).toBeVisible();
  await expect(page).toHaveURL(/\/tickets\?assignee=me$/);
  await page.screenshot({ path: `${SCREENS}/sign-in-next.png` });
});
