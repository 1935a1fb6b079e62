import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./helpers";
import { makePng, setUpHelpdeskContact } from "./ticket-fixtures";

const SCREENS = "test-results/screens";
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 800 };
test.describe.configure({ timeout: 180_000 });

/** Every French screen at a phone's size and a desk's, to be looked at (text overflowing a button is a bug). */
async function screens(page: Page, name: string) {
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: `${SCREENS}/portal-fr-${name}-phone.png`, fullPage: true });
  await page.setViewportSize(DESK);
  await page.screenshot({ path: `${SCREENS}/portal-fr-${name}.png`, fullPage: true });
}

test("a contact who chooses French walks the Customer Portal by its French labels, then goes back to English in Préférences ▸ Langue", async ({
  page,
  browser,
  baseURL,
}) => {
  await signInAsAdmin(page);
  const elodie = await setUpHelpdeskContact(page, { fullName: "Élodie Martin", profile: "FABRIKAM\\elodie" });
  const ticket = await elodie.openTicket({ title: "Outlook plante au démarrage", description: "Depuis ce matin." });
  const linkResponse = await page.request.post("/api/agent/v1/helpdesk/portal-link", {
    headers: { authorization: `Bearer ${elodie.agentToken}` },
    data: { profile: elodie.profile },
  });
  expect(linkResponse.status(), await linkResponse.text()).toBe(200);

  // An English browser: the portal speaks the contact's language, not the browser's.
  const portalContext = await browser.newContext({ locale: "en-US" });
  const portal = await portalContext.newPage();
  await portal.goto(((await linkResponse.json()) as { url: string }).url);
  await expect(portal.getByRole("heading", { name: "My tickets" })).toBeVisible();
  await expect(portal.locator("html")).toHaveAttribute("lang", "en");
  await portal.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Preferences" }).click();
  const language = portal.getByLabel("Language");
  await expect(language.locator("option").first()).toHaveText("Automatic");
  await language.selectOption({ label: "Français" });
  await expect(portal.getByRole("status").filter({ hasText: "Langue enregistrée." })).toBeVisible();
  await expect(portal.getByRole("heading", { name: "Préférences" })).toBeVisible();
  await expect(portal.locator("html")).toHaveAttribute("lang", "fr");
  await expect(portal.getByLabel("Langue")).toHaveValue("fr");
  await expect(portal.getByLabel("M'envoyer un e-mail quand un technicien répond")).toBeChecked();
  await screens(portal, "preferences");

  const nav = portal.getByRole("navigation", { name: "Portail" });
  await nav.getByRole("link", { name: "Mes tickets" }).click();
  await expect(portal.getByRole("heading", { name: "Mes tickets" })).toBeVisible();
  await expect(portal.getByTestId("portal-contact")).toContainText("Connecté en tant que Élodie Martin");
  const row = portal.getByRole("list", { name: "Tickets" }).getByRole("link").filter({ hasText: ticket.title });
  await expect(row).toContainText("Ouvert");
  await expect(row).toContainText("mis à jour");
  await expect(portal.getByLabel("Statut").locator("option")).toHaveText([
    "Tous",
    "Ouvert",
    "En attente",
    "Résolu",
    "Fermé",
  ]);
  await screens(portal, "tickets");

  await row.click();
  await expect(portal.getByRole("heading", { name: `#${ticket.number} ${ticket.title}` })).toBeVisible();
  // The customer's zone, named, in French: "Ouvert le 2 déc. 2026, 08:30 UTC depuis PC-…".
  await expect(
    portal.getByText(/^Ouvert le \d{1,2} [a-zéû]+\.? \d{4}, \d{2}:\d{2} [A-Z+\d:]+ depuis PC-/),
  ).toBeVisible();
  await portal.getByLabel("Message").fill("Il a encore planté à 10 h 02.");
  await portal.getByRole("button", { name: "Envoyer la réponse" }).click();
  await expect(portal.getByRole("status").filter({ hasText: "Réponse envoyée." })).toBeVisible();
  await expect(portal.getByRole("list", { name: "Conversation" })).toContainText("Il a encore planté à 10 h 02.");
  await screens(portal, "ticket");
  await portal.getByRole("button", { name: "Fermer le ticket" }).click();
  await expect(portal.getByRole("status").filter({ hasText: "Ticket fermé." })).toBeVisible();
  await expect(portal.getByText("Ce ticket est fermé. Rouvrez-le si le problème est revenu.")).toBeVisible();
  await screens(portal, "ticket-closed");
  await portal.getByRole("button", { name: "Rouvrir le ticket" }).click();
  await expect(portal.getByRole("status").filter({ hasText: "Ticket rouvert." })).toBeVisible();

  await nav.getByRole("link", { name: "Nouveau ticket" }).click();
  await expect(portal.getByRole("heading", { name: "Créer un nouveau ticket" })).toBeVisible();
  const form = portal.getByRole("form", { name: "Ajouter un ticket" });
  await expect(form).toContainText("Aucun fichier choisi");
  await form.getByLabel("Titre").fill("L'écran clignote");
  await form.getByLabel("Description").fill("Depuis le changement de station d'accueil.");
  await form
    .getByLabel("Pièces jointes")
    .setInputFiles({ name: "ecran.png", mimeType: "image/png", buffer: makePng() });
  await expect(form).toContainText("ecran.png");
  await screens(portal, "new-ticket");
  await form.getByRole("button", { name: "Créer le ticket" }).click();
  await expect(portal.getByRole("status").filter({ hasText: /^Ticket #\d+ créé\./ })).toBeVisible();
  await expect(portal.getByRole("heading", { name: /#\d+ L'écran clignote/ })).toBeVisible();
  await expect(portal.getByRole("img", { name: "ecran.png" })).toBeVisible();

  // What the portal's endpoints refuse is said in French too.
  const refused = await portal.request.post("/portal/api/tickets", {
    headers: { origin: baseURL! },
    data: { title: "   " },
  });
  expect(refused.status()).toBe(400);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
    "Donnez un titre à votre ticket.",
  );

  // A ticket that is not theirs (or not at all): the portal's own page, and the way back.
  await portal.goto("/portal/tickets/999999");
  await expect(portal.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  // A mistyped address under /portal too, not the console's English page.
  const typo = await portal.goto("/portal/tikets");
  expect(typo?.status()).toBe(404);
  await expect(portal.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  await expect(portal.getByText("Back to the Dashboard")).toHaveCount(0);
  await portal.getByRole("link", { name: "Retour à Mes tickets" }).click();
  await expect(portal.getByRole("heading", { name: "Mes tickets" })).toBeVisible();
  await portal.getByLabel("Rechercher").fill("introuvable");
  await portal.getByRole("button", { name: "Appliquer" }).click();
  await expect(portal.getByText("Aucun ticket ne correspond")).toBeVisible();
  await screens(portal, "no-match");

  await nav.getByRole("link", { name: "Préférences" }).click();
  await portal.getByLabel("Langue").selectOption({ label: "English" });
  await expect(portal.getByRole("status").filter({ hasText: "Language saved." })).toBeVisible();
  await expect(portal.getByRole("heading", { name: "Preferences" })).toBeVisible();
  await expect(portal.locator("html")).toHaveAttribute("lang", "en");
  await portal.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "My tickets" }).click();
  await expect(portal.getByRole("heading", { name: "My tickets" })).toBeVisible();
  await portalContext.close();
});

test.describe("a French browser", () => {
  test.use({ locale: "fr-FR" });

  test("the sign-in page speaks the browser's language until the person is known; the console stays English", async ({
    page,
  }) => {
    await page.goto("/portal/sign-in?error=invalid_link");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { name: "Connexion au Portail client" })).toBeVisible();
    await expect(
      page.getByRole("alert").filter({ hasText: "Ce lien de connexion a expiré ou a déjà été utilisé." }),
    ).toHaveText("Ce lien de connexion a expiré ou a déjà été utilisé. Demandez-en un nouveau ci-dessous.");
    await page.getByLabel("Adresse e-mail").fill(`personne.${Date.now()}@example.test`);
    await page.getByRole("button", { name: "M'envoyer un lien de connexion" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Si cette adresse" })).toHaveText(
      "Si cette adresse appartient à l'un de nos contacts, un lien de connexion est en route. Il ne fonctionne qu'une fois, pendant 15 minutes.",
    );
    await screens(page, "sign-in");
    await expect(page).toHaveTitle(/^Connexion · Portail client /);

    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});
