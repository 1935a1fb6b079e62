// Characters that change how the text around them is shown, or are not shown at all:
// - Cf (format): the bidirectional embeddings, overrides and isolates U+202A–U+202E and
//   U+2066–U+2069, the marks U+200E/U+200F and U+061C, zero-width characters, the BOM, tags;
// - Default_Ignorable_Code_Point: what renders as nothing although it is not Cf (Hangul fillers,
//   variation selectors, the combining grapheme joiner);
// - Cc (C0 and C1 controls, DEL), Zl/Zp (line and paragraph separators), Cs (a lone surrogate).
const HIDDEN = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Zl}\p{Zp}\p{Cs}]+/gu;
// A run of blanks (also no-break and ideographic spaces) can push an extension out of view.
const BLANKS = /\p{Zs}+/gu;

/**
 * A file name as it may be shown to a person or offered as a download's name: every invisible or
 * reordering character becomes a visible "_", runs of blanks become one space, and what is left
 * reads in the order its characters are stored, so the extension shown is the real one.
 *
 * Why: a name sent by a device or a contact is theirs to choose. `invoice\u202Egpj.exe` carries a
 * RIGHT-TO-LEFT OVERRIDE that the Unicode Bidirectional Algorithm (UAX #9, "Unicode TR9") obeys, so
 * it shows as "invoiceexe.jpg"; the same trick in source code is CVE-2021-42574 ("Trojan Source").
 * Such names are stored as they came (they are evidence) and pass through here wherever they are
 * displayed: console, Customer Portal, the agent's pages, `Content-Disposition`, and any mail or
 * API answer that names a file.
 *
 * In: any string. Out: a non-empty string without control, format or bidirectional characters;
 * idempotent. Never throws.
 */
export function displayFileName(name: string): string {
  const shown = name.replace(HIDDEN, "_").replace(BLANKS, " ").trim();
  return shown === "" ? "file" : shown;
}

/**
 * A displayed file name split for a narrow space: `stem` may be cut short with an ellipsis,
 * `extension` (".exe", or "" when there is none) must always stay visible.
 */
export function fileNameParts(name: string): { stem: string; extension: string } {
  const shown = displayFileName(name);
  const dot = shown.lastIndexOf(".");
  // ".bashrc" has no extension; neither has "notes." nor a "name.with a long tail".
  if (dot <= 0 || dot === shown.length - 1 || shown.length - dot > 16 || shown.slice(dot).includes(" "))
    return { stem: shown, extension: "" };
  return { stem: shown.slice(0, dot), extension: shown.slice(dot) };
}
