import { describe, expect, it } from "vitest";
import { identityTokenMail } from "./identity-token-mail.ts";

describe("identityTokenMail", () => {
  it("names the expiry in the customer's zone, never bare UTC", () => {
    const mail = (timeZone: string) =>
      identityTokenMail({
        to: "jane@example.test",
        fullName: "Jane Doe",
        token: "ABC-DEF-GHJ",
        hostname: "PC-JANE",
        expiresAt: new Date("2026-12-01T09:15:00Z"),
        timeZone,
        locale: "en",
      });
    expect(mail("Europe/Paris").text).toContain("expires at 1 Dec 2026, 10:15 CET (in 15 minutes)");
    expect(mail("Europe/Paris").html).toContain("expires at 1 Dec 2026, 10:15 CET (in 15 minutes)");
    expect(mail("Australia/Sydney").text).toContain("expires at 1 Dec 2026, 20:15 AEDT");
    expect(mail("UTC").text).toContain("expires at 1 Dec 2026, 09:15 UTC");
  });
});

describe("identityTokenMail in French", () => {
  it("writes subject, text and HTML in French, the expiry in French in the customer's zone", () => {
    const mail = identityTokenMail({
      to: "jeanne@example.test",
      fullName: "Jeanne & Co",
      token: "ABC-DEF-GHJ",
      hostname: "PC-JEANNE",
      expiresAt: new Date("2026-12-01T09:15:00Z"),
      timeZone: "Europe/Paris",
      locale: "fr",
    });
    expect(mail.subject).toBe("Votre jeton de confirmation Helpline");
    expect(mail.text).toBe(
      [
        "Bonjour Jeanne & Co,",
        "",
        "Pour confirmer votre identité auprès du support Helpline sur PC-JEANNE, saisissez ce jeton dans Paramètres personnels :",
        "",
        "ABC-DEF-GHJ",
        "",
        "Il ne sert qu'une fois et expire le 1 déc. 2026, 10:15 CET (dans 15 minutes). Si vous ne l'avez pas demandé, ignorez ce message.",
      ].join("\n"),
    );
    expect(mail.html).toContain("<p>Bonjour Jeanne &#38; Co,</p>");
    expect(mail.html).toContain("saisissez ce jeton dans <b>Paramètres personnels</b> :</p>");
    expect(mail.html).toContain("expire le 1 déc. 2026, 10:15 CET (dans 15 minutes)");
  });
});
