import { describe, expect, it } from "vitest";
import { localeFromTag, negotiateLocale } from "./negotiate-locale.ts";

describe("localeFromTag (the Windows display language an agent reports)", () => {
  it.each([
    ["fr-FR", "fr"],
    ["fr-CA", "fr"],
    ["fr_BE.UTF-8", "fr"],
    ["en-US", "en"],
    ["EN-gb", "en"],
    ["de-DE", null],
    ["", null],
    ["not a tag!", null],
    [null, null],
  ])("%s → %s", (tag, locale) => {
    expect(localeFromTag(tag)).toBe(locale);
  });
});

describe("negotiateLocale (Accept-Language, RFC 9110 §12.5.4)", () => {
  it("takes the first language Helpline has, by q-value", () => {
    expect(negotiateLocale("de-DE,de;q=0.9,fr;q=0.8,en;q=0.7")).toBe("fr");
    expect(negotiateLocale("en;q=0.5, fr-CH;q=0.9")).toBe("fr");
    expect(negotiateLocale("fr-FR")).toBe("fr");
  });

  it("falls back when nothing matches, or the header is missing or junk", () => {
    expect(negotiateLocale("de, it")).toBe("en");
    expect(negotiateLocale(undefined)).toBe("en");
    expect(negotiateLocale(";;;q=abc")).toBe("en");
    expect(negotiateLocale("de", "fr")).toBe("fr");
  });

  it("answers null instead of a fallback when asked to, so the caller goes on to its next source", () => {
    expect(negotiateLocale("fr-FR,fr;q=0.9", null)).toBe("fr");
    expect(negotiateLocale("de-DE", null)).toBeNull();
    expect(negotiateLocale(undefined, null)).toBeNull();
  });
});
