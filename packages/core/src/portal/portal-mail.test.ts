import { describe, expect, it } from "vitest";
import { portalSignInMail } from "./portal-mail.ts";

const one = [{ customerName: "Contoso", url: "https://help.example.test/portal/link/abc" }];
const two = [
  { customerName: "Contoso & Co", url: "https://help.example.test/portal/link/abc" },
  { customerName: "Fabrikam", url: "https://help.example.test/portal/link/def" },
];

describe("portalSignInMail", () => {
  it("in English: one link, or one per customer with its name", () => {
    const single = portalSignInMail({ to: "jane@example.test", links: one, brand: "Acme IT", locale: "en" });
    expect(single.subject).toBe("Sign in to the Acme IT Customer Portal");
    expect(single.text).toBe(
      [
        "Hello,",
        "",
        "Use this link to sign in to the Acme IT Customer Portal. It works once, within 15 minutes:",
        "",
        "https://help.example.test/portal/link/abc",
        "",
        "If you did not ask for it, ignore this mail: nobody can sign in without it.",
      ].join("\n"),
    );
    expect(single.html).toContain('<p><a href="https://help.example.test/portal/link/abc">Sign in</a></p>');
    const several = portalSignInMail({ to: "jane@example.test", links: two, brand: "Acme <IT>", locale: "en" });
    expect(several.text).toContain(
      "Use one of these links to sign in to the Acme <IT> Customer Portal. Each works once",
    );
    expect(several.text).toContain("\nContoso & Co: https://help.example.test/portal/link/abc\nFabrikam: ");
    expect(several.html).toContain("sign in to the Acme &#60;IT&#62; Customer Portal");
    expect(several.html).toContain(">Sign in to Contoso &#38; Co</a>");
  });

  it("in French: subject, text and links", () => {
    const single = portalSignInMail({ to: "jeanne@example.test", links: one, brand: "Acme IT", locale: "fr" });
    expect(single.subject).toBe("Connexion au Portail client Acme IT");
    expect(single.text).toBe(
      [
        "Bonjour,",
        "",
        "Utilisez ce lien pour vous connecter au Portail client Acme IT. Il ne fonctionne qu'une fois, dans les 15 minutes :",
        "",
        "https://help.example.test/portal/link/abc",
        "",
        "Si vous ne l'avez pas demandé, ignorez ce message : personne ne peut se connecter sans lui.",
      ].join("\n"),
    );
    expect(single.html).toContain('<p><a href="https://help.example.test/portal/link/abc">Se connecter</a></p>');
    const several = portalSignInMail({ to: "jeanne@example.test", links: two, brand: "Acme IT", locale: "fr" });
    expect(several.text).toContain(
      "Utilisez l'un de ces liens pour vous connecter au Portail client Acme IT. Chacun ne fonctionne",
    );
    expect(several.text).toContain("\nContoso & Co : https://help.example.test/portal/link/abc\nFabrikam : ");
    expect(several.html).toContain(">Se connecter à Contoso &#38; Co</a>");
  });
});
