import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/config.ts";
import { mailDomain } from "./mail-identity.ts";

describe("mailDomain", () => {
  it("is the public address's host, else the From address's domain", () => {
    expect(mailDomain(parseConfig({ HELPLINE_PUBLIC_URL: "https://Help.Example.com:8443/desk" }))).toBe(
      "help.example.com",
    );
    expect(mailDomain(parseConfig({ HELPLINE_MAIL_FROM: "Desk <desk@Support.Example.org>" }))).toBe(
      "support.example.org",
    );
    expect(mailDomain(parseConfig({}))).toBe("helpline.local");
  });
});
