import { expect, type Page } from "@playwright/test";
import { E2E_ADMIN } from "./e2e-admin";

export { E2E_ADMIN };

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
}

export function leftPanel(page: Page) {
  return page.getByRole("complementary", { name: "Left panel" });
}

export async function signOut(page: Page): Promise<void> {
  await leftPanel(page).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

let counter = 0;
/** Adds a technician through Settings ▸ Technicians (the admin must be signed in on `page`). */
export async function addTechnicianThroughSettings(page: Page, role: "Technician" | "Admin" = "Technician") {
  const technician = {
    name: `Tess Tech ${Date.now()}${counter++}`,
    email: `tess.${Date.now()}.${counter}@e2e.test`,
    password: "technician password 1",
  };
  await leftPanel(page).getByRole("link", { name: "Settings" }).click();
  const form = page.getByRole("form", { name: "Add technician" });
  await form.getByLabel("Name").fill(technician.name);
  await form.getByLabel("Email").fill(technician.email);
  await form.getByLabel("Password").fill(technician.password);
  await form.getByLabel("Role").selectOption({ label: role });
  await form.getByRole("button", { name: "Add technician" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${technician.name} can now sign in.` })).toBeVisible();
  await expect(page.getByRole("cell", { name: technician.email })).toBeVisible();
  return technician;
}
