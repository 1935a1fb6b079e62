import { expect, test, type Page } from "@playwright/test";
import { runAgentWithHelpdesk, type RunningAgent } from "./agent-fixtures";
import { signInAsAdmin } from "./helpers";
import { readOutboxMail } from "./ticket-fixtures";

const SCREENS = "test-results/e2e/screens";
let agent: RunningAgent | null = null;
test.afterEach(() => agent?.stop());
test.describe.configure({ timeout: 150_000 });

/** Nothing on the page is wider than the window, and no button's label spills out of it. */
async function expectNothingOverflows(page: Page) {
  const overflowing = await page.evaluate(() => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) found.push("the page scrolls sideways");
    for (const element of document.querySelectorAll<HTMLElement>("button, a, label, th, td, h1, h2, select, option"))
      if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).display !== "inline")
        found.push(`${element.tagName}: ${element.textContent?.trim()}`);
    return found;
  });
  expect(overflowing).toEqual([]);
}

async function screen(page: Page, name: string) {
  await expectNothingOverflows(page);
  await page.screenshot({ path: `${SCREENS}/agent-fr-${name}.png`, fullPage: true });
}

test("a French-speaking end user walks the agent's local page in French", async ({ page, context, baseURL }) => {
  await signInAsAdmin(page);
  const hostname = `PC-FR-${Date.now()}`;
  agent = await runAgentWithHelpdesk(page, baseURL!, {
    customer: `Fromagerie Dupont ${Date.now()}`,
    hostname,
    ip: "10.0.0.33",
    profile: "DUPONT\\amelie",
    displayName: "Amélie Poulain",
    locale: "fr-FR",
  });
  const local = await context.newPage();
  await local.setViewportSize({ width: 1280, height: 800 });
  await local.goto(await agent.localUrl());
  await expect(local.locator("html")).toHaveAttribute("lang", "fr");
  await expect(local.getByText("L'assistance est activée pour Amélie Poulain.")).toBeVisible();
  await expect(local.getByText("Votre identité n'est pas encore confirmée.")).toBeVisible();
  await screen(local, "accueil");

  const nav = local.getByRole("navigation", { name: "Assistance" });
  // Ajouter un ticket leads to Personal Info Settings until the identity is confirmed.
  await nav.getByRole("link", { name: "Ajouter un ticket" }).click();
  await expect(
    local.getByText("Une fois votre identité confirmée, Créer un nouveau ticket ouvre le formulaire."),
  ).toBeVisible();
  await nav.getByRole("link", { name: "Paramètres personnels" }).click();
  await expect(local.getByRole("heading", { name: "Paramètres d'informations personnelles" })).toBeVisible();
  await expect(local.getByLabel("Nom complet")).toHaveValue("Amélie Poulain");
  await expect(local.getByRole("combobox", { name: "Langue" })).toHaveValue("");
  await screen(local, "parametres-personnels");

  const email = `amelie.${Date.now()}@fromagerie.test`;
  await local.getByLabel("E-mail").fill(email);
  await local.getByRole("button", { name: "Envoyer un jeton" }).click();
  await expect(local.getByRole("status")).toContainText(`Nous avons envoyé un jeton à ${email}.`);
  const token = /^([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})$/m.exec(
    await readOutboxMail(page, { to: email, subject: "Helpline" }),
  )![1]!;
  await local.getByLabel("Jeton de confirmation").fill("AAA-AAA-AAA");
  await local.getByRole("button", { name: "Enregistrer", exact: true }).click();
  // The server's refusal, written in the page's language (the agent sends it as Accept-Language).
  await expect(local.getByRole("alert")).toContainText("Ce jeton n'est pas le bon. 4 essais restants.");
  await local.getByLabel("Jeton de confirmation").fill(token);
  await local.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(local.getByRole("status")).toContainText("Merci, Amélie Poulain : votre identité est confirmée.");
  await expect(local.getByText(`Votre identité est confirmée : Amélie Poulain (${email}).`)).toBeVisible();
  await screen(local, "identite-confirmee");

  await nav.getByRole("link", { name: "Ajouter un ticket" }).click();
  await expect(local.getByRole("heading", { name: "Ajouter un ticket" })).toBeVisible();
  await expect(local.getByText("Aucune capture de votre écran n'a pu être prise.")).toBeVisible();
  await local.getByLabel("Titre").fill("L'imprimante du bureau n'imprime plus");
  await local.getByLabel("Description").fill("Depuis ce matin, bourrage à chaque page.");
  await screen(local, "ajouter-un-ticket");
  await local.getByRole("button", { name: "Envoyer", exact: true }).click();
  const created = local.getByRole("heading", { name: /^Ticket n° \d+ créé$/ });
  await expect(created).toBeVisible();
  await expect(local.getByText("Nous avons bien reçu votre ticket.")).toBeVisible();
  await expect(local.getByRole("link", { name: "Le voir dans le portail client" })).toBeVisible();
  await screen(local, "ticket-cree");

  await nav.getByRole("link", { name: "Mes tickets" }).click();
  await expect(local.getByRole("heading", { name: "Mes tickets" })).toBeVisible();
  const row = local.getByRole("row").filter({ hasText: "L'imprimante du bureau n'imprime plus" });
  await expect(row).toContainText("Ouvert");
  await expect(row).toContainText(/\d{1,2} déc\. 2026, \d\d:\d\d/);
  await expect(local.getByRole("columnheader", { name: "Mis à jour" })).toBeVisible();
  await screen(local, "mes-tickets");

  // Langue ▸ English: the page follows at once; back to Automatique, Windows' French again.
  await nav.getByRole("link", { name: "Paramètres personnels" }).click();
  await local.getByRole("combobox", { name: "Langue" }).selectOption("en");
  await local.getByRole("button", { name: "Utiliser cette langue" }).click();
  await expect(local.getByRole("status")).toContainText("Language saved.");
  await expect(local.locator("html")).toHaveAttribute("lang", "en");
  await local.getByRole("combobox", { name: "Language" }).selectOption("");
  await local.getByRole("button", { name: "Use this language" }).click();
  await expect(local.locator("html")).toHaveAttribute("lang", "fr");
  await expect(local.getByRole("combobox", { name: "Langue" })).toHaveValue("");
  await screen(local, "langue");

  await nav.getByRole("link", { name: "Ouvrir le portail client" }).click();
  await expect(local).toHaveURL(/\/portal/);
  await local.screenshot({ path: `${SCREENS}/agent-fr-portail-client.png` });
});
