import { DomainError, ZPortalNewTicketInput, ZPortalReplyInput, errorResponse } from "@helpline/core";
import { describe, expect, it } from "vitest";
import { localizePortalError } from "./localize-portal-error.ts";

/** The message a portal endpoint answers for `error` in `locale`. */
function said(error: unknown, locale: "en" | "fr"): string {
  return localizePortalError({ error, body: errorResponse(error).body, locale }).error.message;
}

function refusal(parse: () => unknown): unknown {
  try {
    parse();
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

describe("the portal's errors in the contact's language", () => {
  it("keeps the domain's English sentence word for word", () => {
    const error = new DomainError("ticket_closed", "This ticket is closed. Reopen it to reply.", 409);
    expect(said(error, "en")).toBe("This ticket is closed. Reopen it to reply.");
    const tooLong = refusal(() => ZPortalReplyInput.parse({ number: 1, body: "x".repeat(20_001) }));
    expect(said(tooLong, "en")).toBe("`body`: The message must be at most 20,000 characters.");
  });

  it("says a refused input in French by its field and the check it failed", () => {
    expect(
      said(
        refusal(() => ZPortalNewTicketInput.parse({ title: "  " })),
        "fr",
      ),
    ).toBe("Donnez un titre à votre ticket.");
    expect(
      said(
        refusal(() => ZPortalReplyInput.parse({ number: 1, body: "" })),
        "fr",
      ),
    ).toBe("Écrivez d'abord un message.");
    expect(
      said(
        refusal(() => ZPortalReplyInput.parse({ number: 1, body: "x".repeat(20_001) })),
        "fr",
      ),
    ).toBe("Le message ne doit pas dépasser 20\u202f000 caractères.");
    expect(
      said(
        refusal(() => ZPortalNewTicketInput.parse({ title: "Bad \u0000 byte" })),
        "fr",
      ),
    ).toBe("Le titre contient des caractères que nous ne pouvons pas enregistrer.");
  });

  it("says the domain's refusals in French by their code, keeping code and status", () => {
    const throttled = new DomainError(
      "too_many_requests",
      "Too many sign-in links asked for. Wait 15 minutes, then try again.",
      429,
    );
    const body = localizePortalError({ error: throttled, body: errorResponse(throttled).body, locale: "fr" });
    expect(body).toEqual({
      error: {
        code: "too_many_requests",
        message: "Trop de liens de connexion demandés. Attendez 15 minutes, puis réessayez.",
      },
    });
    expect(said(new DomainError("payload_too_large", "Attachments may total at most 10 MiB", 413), "fr")).toMatch(
      /^Les pièces jointes ne peuvent pas dépasser 10 Mio au total\./,
    );
    expect(said(new DomainError("something_new", "An English sentence."), "fr")).toBe(
      "Vérifiez votre saisie et réessayez.",
    );
  });
});
