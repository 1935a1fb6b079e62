/**
 * Reply and forward prefixes that mail programs put before a subject, by language (lower-case).
 * Collected from what the programs write: Outlook's localised "RE"/"FW" (AW/WG German, SV Swedish
 * and Danish, VS Finnish and Norwegian, Antw Dutch, TR/RÉF French, RV/RE Spanish, R/I Italian is
 * left out because a one-letter word is too often a real subject), Gmail's and Apple Mail's "Re"/"Fwd",
 * Turkish "Ynt", Polish "Odp"/"PD", Hungarian "Vá"/"Továbbítás", Czech "Odp"/"Fw", Greek "ΑΠ"/"ΣΧΕΤ",
 * Chinese and Japanese clients' "回复"/"答复"/"转发"/"返信"/"転送", Hebrew "השב" and Arabic "رد".
 */
const REPLY_PREFIXES = [
  "re",
  "aw",
  "sv",
  "vs",
  "antw",
  "antwort",
  "réf",
  "ref",
  "rif",
  "ynt",
  "odp",
  "vá",
  "res",
  "απ",
  "σχετ",
  "回复",
  "答复",
  "回覆",
  "返信",
  "השב",
  "رد",
];
const FORWARD_PREFIXES = ["fwd", "fw", "wg", "tr", "rv", "enc", "doorst", "pd", "továbbítás", "転送", "转发", "轉寄"];

// A prefix, optionally numbered ("Re[2]:", "AW (3):", "Re^2:"), ended by an ASCII or full-width colon.
const PREFIX = new RegExp(
  `^\\s*(${[...REPLY_PREFIXES, ...FORWARD_PREFIXES].map(escapeRegExp).join("|")})\\s*(?:\\[\\d+\\]|\\(\\d+\\)|\\^\\d+)?\\s*[:：]\\s*`,
  "iu",
);
// Helpline's own ticket tag, `[#1234]` (see enqueueTicketMail).
const TAG = /\[#(\d{1,9})\]/gu;

export type StrippedSubject = {
  /** The subject without prefixes and tags, whitespace collapsed; "(no subject)" when nothing is left. */
  title: string;
  /** N of the first `[#N]` tag in the subject, else null. */
  tagNumber: number | null;
  /** True when the outermost prefix is a forward ("Fwd:", "WG:", "TR:", "RV:"…). */
  forwarded: boolean;
};

/**
 * Turns a decoded subject into a ticket title: removes every leading reply/forward prefix (repeated
 * and mixed, any case, with counters and full-width colons, e.g. "AW: Re[2]：Fwd: Drucker") and every
 * Helpline tag `[#N]` wherever it stands, and reports the first tag's number. A subject that is only
 * prefixes becomes "(no subject)", so a title is never empty.
 */
export function stripSubjectPrefixes(subject: string): StrippedSubject {
  const tagMatch = /\[#(\d{1,9})\]/u.exec(subject);
  let rest = subject.replace(TAG, " ").replace(/\s+/gu, " ").trim();
  let forwarded: boolean | null = null;
  for (;;) {
    const match = PREFIX.exec(rest);
    if (!match) break;
    forwarded ??= FORWARD_PREFIXES.includes(match[1]!.toLowerCase());
    rest = rest.slice(match[0].length);
  }
  rest = rest.trim();
  return {
    title: rest === "" ? "(no subject)" : rest,
    tagNumber: tagMatch ? Number(tagMatch[1]) : null,
    forwarded: forwarded ?? false,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}
