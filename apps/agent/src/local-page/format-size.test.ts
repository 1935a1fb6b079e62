import { formatBytes } from "@helpline/protocol";
import { describe, expect, it } from "vitest";
import { formatSize } from "./format-size.ts";

const SIZES = [12, 1023, 300 * 1024, 10 * 1024 * 1024, 12 * 1024 * 1024 + 1, 9_227_468, 1024 ** 3, 1536 * 1024 ** 2];

describe("sizes on the local page", () => {
  it("are formatBytes' words in English", () => {
    for (const bytes of SIZES) expect(formatSize(bytes, "en")).toBe(formatBytes(bytes));
  });

  it("use the decimal comma and French units in French", () => {
    expect(SIZES.map((bytes) => formatSize(bytes, "fr"))).toEqual([
      "12 octets",
      "1023 octets",
      "300 Kio",
      "10 Mio",
      "12,0 Mio",
      "8,8 Mio",
      "1 Gio",
      "1,5 Gio",
    ]);
  });
});
