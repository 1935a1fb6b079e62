import { describe, expect, it } from "vitest";
import { generateIdentityToken, normalizeIdentityToken } from "./identity-token.ts";

describe("identity tokens", () => {
  it("look like K7Q-4MZ-92X, without look-alike characters, and differ every time", () => {
    const tokens = new Set(Array.from({ length: 500 }, generateIdentityToken));
    expect(tokens.size).toBe(500);
    for (const token of tokens) expect(token).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
  });

  it("compare regardless of case, spaces and dashes", () => {
    expect(normalizeIdentityToken(" k7q 4mz-92x ")).toBe("K7Q4MZ92X");
  });
});
