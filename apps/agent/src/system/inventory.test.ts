import { describe, expect, it } from "vitest";
import { detectedLocale } from "./inventory.ts";

describe("detectedLocale (the display language of the user running the agent, off the service)", () => {
  it("reads LC_ALL, then LC_MESSAGES, then LANG, as BCP 47", () => {
    expect(detectedLocale({ LANG: "fr_FR.UTF-8" })).toBe("fr-FR");
    expect(detectedLocale({ LC_ALL: "en_GB.UTF-8", LANG: "fr_FR.UTF-8" })).toBe("en-GB");
    expect(detectedLocale({ LC_MESSAGES: "fr_BE@euro", LANG: "en_US.UTF-8" })).toBe("fr-BE");
  });

  it("falls back on Intl's language for C and POSIX, and gives nothing for junk", () => {
    const intl = Intl.DateTimeFormat().resolvedOptions().locale;
    expect(detectedLocale({ LANG: "C.UTF-8" })).toBe(intl);
    expect(detectedLocale({})).toBe(intl);
    expect(detectedLocale({ LANG: "what is this" })).toBeNull();
  });
});
