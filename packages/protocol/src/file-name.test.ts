import { describe, expect, it } from "vitest";
import { displayFileName, fileNameParts } from "./file-name.ts";

describe("displayFileName", () => {
  it("shows the real extension of a right-to-left override name (Trojan Source, CVE-2021-42574)", () => {
    expect(displayFileName("invoice\u202Egpj.exe")).toBe("invoice_gpj.exe");
  });

  it.each([
    ["embeddings and overrides U+202A–U+202E", "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef"],
    ["isolates U+2066–U+2069", "a\u2066b\u2067c\u2068d\u2069e"],
    ["marks U+200E, U+200F and the Arabic letter mark U+061C", "a\u200Eb\u200Fc\u061Cd"],
    ["zero-width space, joiners, word joiner and BOM", "a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf"],
    ["C0 and C1 controls and DEL", "a\u0001b\u001Bc\u0085d\u009Be\u007Ff"],
    ["tab, line feed, line and paragraph separators", "a\tb\nc\u2028d\u2029e"],
    ["a soft hyphen, a Hangul filler and a variation selector", "a\u00ADb\u3164c\uFE0Fd"],
    ["a lone surrogate", "a\uD800b"],
  ])("makes %s visible", (_, name) => {
    const shown = displayFileName(name);
    expect(shown).toMatch(/^[a-f_]+$/);
    expect(shown.replace(/_/g, "")).toBe(name.replace(/[^a-f]/g, ""));
  });

  it("collapses runs of blanks that would push the extension out of view, and trims", () => {
    expect(displayFileName("  photo.jpg\u00A0\u00A0\u3000          .exe ")).toBe("photo.jpg .exe");
  });

  it("keeps every visible character of real names, in every script", () => {
    for (const name of [
      "Rapport financier été 2026.pdf",
      "отчёт.xlsx",
      "报告.docx",
      "تقرير.pdf",
      "😀 party.png",
      "a&b <c>.txt",
    ])
      expect(displayFileName(name)).toBe(name);
  });

  it("is idempotent and never empty", () => {
    const once = displayFileName("x\u202E\u202Dy .  txt");
    expect(displayFileName(once)).toBe(once);
    expect(displayFileName("")).toBe("file");
    expect(displayFileName("   ")).toBe("file");
    expect(displayFileName("\u202E")).toBe("_");
  });
});

describe("fileNameParts", () => {
  it("splits off the extension that must stay visible when the stem is cut short", () => {
    expect(fileNameParts("invoice\u202Egpj.exe")).toEqual({ stem: "invoice_gpj", extension: ".exe" });
    expect(fileNameParts("archive.tar.gz")).toEqual({ stem: "archive.tar", extension: ".gz" });
    expect(fileNameParts(`${"a".repeat(300)}.pdf`).extension).toBe(".pdf");
  });

  it("finds no extension where there is none", () => {
    for (const name of ["README", ".bashrc", "notes.", "meeting notes. part two", `x.${"y".repeat(20)}`])
      expect(fileNameParts(name)).toEqual({ stem: name, extension: "" });
  });
});
