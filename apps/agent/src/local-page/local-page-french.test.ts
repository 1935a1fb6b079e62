import type { Locale } from "@helpline/i18n";
import { afterEach, describe, expect, it } from "vitest";
import type { DeliveryOutcome } from "../tickets/ticket-outbox.ts";
import { startLocalPage, type LocalPage } from "./local-page-server.ts";
import type { LocalPageActions, LocalPageView } from "./local-page-types.ts";
import { firstReplySentence } from "./render-ticket-pages.ts";

const confirmed = {
  active: true,
  identity: { confirmed: true as const, fullName: "Alice Martin", email: "alice@contoso.test" },
};

const pages: LocalPage[] = [];
afterEach(async () => Promise.all(pages.splice(0).map((page) => page.close())));

/** A page in French for Alice, with `identity` and actions that do what `actions` says. */
async function openFrench(options: {
  identity?: typeof confirmed.identity | null;
  outcome?: DeliveryOutcome;
  actions?: Partial<LocalPageActions>;
}) {
  const languages: (Locale | null)[] = [];
  let view: LocalPageView = {
    profile: { name: "CONTOSO\\alice", displayName: "Alice" },
    helpdesk: { active: true, identity: options.identity ?? null, language: "fr" },
    locale: "fr",
    chosenLanguage: null,
  };
  const page: LocalPage = await startLocalPage(view, {
    actions: {
      sendToken: async () => ({ tone: "success", text: "envoyé" }),
      confirm: async () => ({ tone: "success", text: "ok" }),
      submitTicket: async () =>
        options.outcome ?? {
          kind: "created",
          number: 1042,
          portalUrl: "https://help.example/t/1042",
          firstReplyBy: null,
        },
      myTickets: async () => ({ server: [], serverError: null, waiting: [], failed: [] }),
      portalLink: async () => ({ url: "https://help.example/portal" }),
      dismissFailed: () => {},
      setLanguage: async (language) => {
        languages.push(language);
        view = { ...view, locale: language ?? "fr", chosenLanguage: language };
        page.update(view);
        return { tone: "success", text: language === "en" ? "Language saved." : "Langue enregistrée." };
      },
      ...options.actions,
    },
  });
  pages.push(page);
  const first = await fetch(page.url);
  const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
  const base = new URL(page.url).origin;
  const get = async (path: string) =>
    (await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" })).text();
  const post = (path: string, body: FormData | URLSearchParams) =>
    fetch(`${base}${path}`, { method: "POST", body, headers: { cookie, origin: base }, redirect: "manual" });
  return { get, post, languages, firstHtml: await first.text() };
}

describe("the local page in French", () => {
  it("writes Home, its nav and <html lang> in French", async () => {
    const { firstHtml } = await openFrench({});
    expect(firstHtml).toContain('<html lang="fr">');
    expect(firstHtml).toContain("<title>Assistance Helpline</title>");
    expect(firstHtml).toContain('<nav aria-label="Assistance">');
    for (const label of [
      "Accueil",
      "Ajouter un ticket",
      "Mes tickets",
      "Paramètres personnels",
      "Ouvrir le portail client",
    ])
      expect(firstHtml).toContain(`>${label}</a>`);
    expect(firstHtml).toContain("L&#39;assistance est activée pour Alice.");
    expect(firstHtml).toContain("Votre identité n&#39;est pas encore confirmée.");
  });

  it("asks for the identity in Personal Info Settings with the vendor's French labels, and offers Langue", async () => {
    const { get } = await openFrench({});
    const html = await get("/settings?for=ticket");
    expect(html).toContain(">Paramètres d&#39;informations personnelles</h2>");
    expect(html).toContain("Confirmez votre identité avant de créer un ticket");
    expect(html).toContain('<label for="fullName">Nom complet</label>');
    expect(html).toContain('<label for="email">E-mail</label>');
    expect(html).toContain('<button type="submit">Envoyer un jeton</button>');
    expect(html).toContain('<label for="token">Jeton de confirmation</label>');
    expect(html).toContain('<button type="submit">Enregistrer</button>');
    expect(html).toContain('<label for="language">Langue</label>');
    expect(html).toContain('<option value="" selected>Automatique</option>');
    expect(html).toContain('<option value="en" lang="en">English</option>');
    expect(html).toContain('<option value="fr" lang="fr">Français</option>');
    expect(html).toContain('<button type="submit">Utiliser cette langue</button>');
  });

  it("switches the page to the language chosen under Langue, and refuses a language it has no catalog for", async () => {
    const { post, languages } = await openFrench({});
    const chosen = await post("/language", new URLSearchParams({ language: "en" }));
    const html = await chosen.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Language saved.");
    expect(html).toContain('<option value="en" selected lang="en">English</option>');
    expect((await post("/language", new URLSearchParams({ language: "" }))).status).toBe(200);
    expect((await post("/language", new URLSearchParams({ language: "de" }))).status).toBe(400);
    expect(languages).toEqual(["en", null]);
  });

  it("writes Add Ticket, its refusals and the created ticket in French", async () => {
    const { get, post } = await openFrench({
      identity: confirmed.identity,
      outcome: {
        kind: "created",
        number: 1042,
        portalUrl: "https://help.example/t/1042",
        firstReplyBy: "We will reply by Thursday 3 December, 09:30 CET",
        firstReplyDue: {
          at: "2026-12-03T08:30:00Z",
          timeZone: "Europe/Paris",
          text: "We will reply by Thursday 3 December, 09:30 CET",
        },
      },
    });
    const form = await get("/add-ticket");
    expect(form).toContain(">Ajouter un ticket</h2>");
    for (const text of [
      '<label for="title">Titre</label>',
      "<legend>Capture d&#39;écran</legend>",
      "Pièces jointes",
      ">Envoyer</button>",
    ])
      expect(form).toContain(text);
    expect(form).toContain("Facultatif ; 8,8 Mio au plus au total, capture d&#39;écran comprise.");
    expect(form).toContain(`data-mib="{amount} Mio"`);
    const key = /name="key" value="([^"]+)"/.exec(form)![1]!;

    const untitled = new FormData();
    untitled.append("key", key);
    untitled.append("title", " ");
    expect(await (await post("/add-ticket", untitled)).text()).toContain("Donnez un titre à votre ticket.");

    const ticket = new FormData();
    ticket.append("key", key);
    ticket.append("title", "Imprimante");
    const created = await (await post("/add-ticket", ticket)).text();
    expect(created).toContain("Ticket n° 1042 créé");
    expect(created).toContain("Nous avons bien reçu votre ticket.");
    expect(created).toMatch(/Nous vous répondrons d&#39;ici le (jeudi 3 décembre|jeudi 3 décembre 2026), 09:30 CET\./);
    expect(created).toContain(">Le voir dans le portail client</a>");
  });

  it("lists My tickets in French, with dates in French and the zone named", async () => {
    const { get } = await openFrench({
      identity: confirmed.identity,
      actions: {
        myTickets: async () => ({
          server: [{ number: 7, title: "VPN", status: "pending", updatedAt: "2026-11-23T10:00:00.000Z" }],
          serverError: null,
          waiting: [
            { idempotencyKey: "k1", profile: "CONTOSO\\alice", title: "Écran", createdAt: "2026-11-23T11:00:00.000Z" },
          ],
          failed: [],
        }),
      },
    });
    const html = await get("/tickets");
    expect(html).toContain(">Mes tickets</h2>");
    expect(html).toContain(
      '<th scope="col">Numéro</th><th scope="col">Titre</th><th scope="col">Statut</th><th scope="col">Mis à jour</th>',
    );
    expect(html).toContain("<td>Écran</td><td>En attente d&#39;envoi</td>");
    expect(html).toContain("<td>#7</td><td>VPN</td><td>En attente</td>");
    expect(html).toMatch(/<td>2\d nov\. 2026, \d\d:\d\d [A-Z+\-\d:]+<\/td>/);
    expect(html).toContain("Pas encore de numéro");
  });

  it("tells a person whose tab outlived the agent's restart, in French, to open the page from the agent", async () => {
    const page = await startLocalPage({
      profile: { name: "CONTOSO\\alice", displayName: "Alice" },
      helpdesk: { active: true, identity: null, language: "fr" },
      locale: "fr",
    });
    pages.push(page);
    // A cookie of the agent's previous run: its secret is not this run's.
    const stale = await fetch(`${new URL(page.url).origin}/tickets`, { headers: { cookie: "helpline_local=old" } });
    expect(stale.status).toBe(403);
    expect(stale.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await stale.text()).toBe("Ouvrez cette page depuis l'agent Helpline.");
  });

  it("says Page introuvable for an unknown page and keeps the server's promise when its zone is unknown", async () => {
    const { get } = await openFrench({});
    expect(await get("/nowhere")).toContain("<h2>Page introuvable</h2>");
    const due = { at: "2026-12-03T08:30:00Z", timeZone: "Mars/Olympus", text: "We will reply by Thursday" };
    expect(firstReplySentence(due, "fr")).toBe("We will reply by Thursday");
    expect(firstReplySentence({ ...due, timeZone: "Europe/Paris" }, "en")).toBe("We will reply by Thursday");
  });
});
