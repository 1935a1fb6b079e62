import { describe, expect, it } from "vitest";
import { escapeLike } from "./escape-like.ts";

describe("escapeLike", () => {
  it("escapes LIKE's wildcards and its escape character, and nothing else", () => {
    expect(escapeLike("100%_done\\x")).toBe("100\\%\\_done\\\\x");
    expect(escapeLike("\\%")).toBe("\\\\\\%");
    expect(escapeLike("Printer [2] *.pdf ^$")).toBe("Printer [2] *.pdf ^$");
  });
});
