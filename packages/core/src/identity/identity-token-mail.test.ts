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
      });
    expect(mail("Europe/Paris").text).toContain("expires at 1 Dec 2026, 10:15 CET (in 15 minutes)");
    expect(mail("Europe/Paris").html).toContain("expires at 1 Dec 2026, 10:15 CET (in 15 minutes)");
    expect(mail("Australia/Sydney").text).toContain("expires at 1 Dec 2026, 20:15 AEDT");
    expect(mail("UTC").text).toContain("expires at 1 Dec 2026, 09:15 UTC");
  });
});
