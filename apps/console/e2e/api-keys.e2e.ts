import { expect, test } from "@playwright/test";
import { addTechnicianThroughSettings, leftPanel, signIn, signInAsAdmin, signOut } from "./helpers";

const SCREENS = "test-results/screens";

test("an admin creates an API key, sees its token once, and revokes it; a technician has no API keys tab", async ({
  page,
}) => {
  test.slow(); // two sign-ins, the API called twice, the reference page rendered
  await signInAsAdmin(page);
  const technician = await addTechnicianThroughSettings(page);
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByRole("link", { name: "API reference" })).toHaveAttribute(
    "href",
    "/settings/api-keys/reference",
  );

  const name = `PSA sync ${Date.now()}`;
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  // Refused fields are named where they are: nothing chosen yet.
  await dialog.getByRole("button", { name: "Create API key" }).click();
  await expect(dialog.getByText("Enter a name.")).toBeVisible();
  await expect(dialog.getByText("Choose at least one scope.")).toBeVisible();

  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Acts as").selectOption({ label: technician.name });
  await dialog.getByRole("checkbox", { name: /tickets:read/ }).check();
  await dialog.getByRole("checkbox", { name: /customers:read/ }).check();
  await dialog.getByLabel("Expires").fill("2099-12-31");
  await dialog.getByRole("button", { name: "Create API key" }).click();

  const shown = page.getByRole("dialog", { name: `API key ${name}` });
  await expect(shown.getByText("Copy this key now: it will not be shown again.")).toBeVisible();
  const token = await shown.getByLabel("API key", { exact: true }).inputValue();
  expect(token).toMatch(/^hl_[A-Za-z0-9_-]{43}$/);
  await expect(shown.getByRole("button", { name: "Copy API key" })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/api-keys-created.png` });
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();

  // The key works on the REST API as its technician, and the list then shows when and from where.
  const asKey = { headers: { authorization: `Bearer ${token}` } };
  const listed = await page.request.get("/api/v1/tickets", asKey);
  expect(listed.status()).toBe(200);
  expect(await listed.json()).toMatchObject({ data: expect.any(Array) });
  expect((await page.request.post("/api/v1/tickets", { ...asKey, data: {} })).status()).toBe(403);

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(`${token.slice(0, 11)}…`);
  await expect(row).not.toContainText(token);
  await expect(row).toContainText(technician.name);
  await expect(row).toContainText("tickets:read");
  await expect(row).toContainText("customers:read");
  await expect(row.getByRole("cell").nth(4)).toHaveText(/^Until 31 Dec 2099 ends \(\S+\)$/);
  await expect(async () => {
    await page.reload();
    await expect(row.getByRole("cell").nth(5)).toContainText(/\d{2}:\d{2} \S+from 127\.0\.0\.1$/, { timeout: 1000 });
  }).toPass();
  await expect(row.getByRole("cell").nth(6)).toHaveText("Active");
  await page.screenshot({ path: `${SCREENS}/api-keys-list.png` });

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Revoke ${name}?` });
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("status").filter({ hasText: `API key ${name} is revoked.` })).toBeVisible();
  await expect(row.getByRole("cell").nth(6)).toHaveText("Revoked");
  await expect(row.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
  const refused = await page.request.get("/api/v1/tickets", asKey);
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: { code: "unauthorized" } });

  // The reference renders the OpenAPI document and asks nothing of any other host.
  const elsewhere: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).hostname !== "127.0.0.1") elsewhere.push(request.url());
  });
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page.getByRole("heading", { name: "Helpline REST API", level: 1 })).toBeVisible();
  await expect(page.getByText("List tickets").first()).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/api-keys-reference.png` });
  expect(elsewhere).toEqual([]);

  await page.goto("/settings/audit-log?action=api_key.");
  await expect(page.getByRole("row").filter({ hasText: "API key revoked" }).filter({ hasText: name })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "API key created" }).filter({ hasText: name })).toBeVisible();

  await signOut(page);
  await signIn(page, technician.email, technician.password);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await leftPanel(page).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API keys" })).toHaveCount(
    0,
  );
  expect((await page.goto("/settings/api-keys"))?.status()).toBe(403);
});
