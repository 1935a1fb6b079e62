/**
 * Cutting the quoted earlier mail off a reply's plain text, conservatively: only at markers that
 * mail programs write themselves, and when unsure the text stays whole. The markers:
 * - the attribution line of Gmail, Apple Mail, Thunderbird and most others ("On <date>, <name>
 *   wrote:"), in the languages their users write in; Gmail wraps it over two lines when it is long;
 * - Outlook's "-----Original Message-----" line (and its translations);
 * - Outlook's and OWA's header block ("From: … Sent: … To: … Subject: …", translated as
 *   "Von: … Gesendet: …", "De : … Envoyé : …"…), with the "______" rule OWA puts above it;
 * - a block of `>`-quoted lines that ends the text (RFC 3676 §4.5 quoting).
 */

const ATTRIBUTION_START = /^(on|am|le|el|op|den|il|em|w dniu|dne|в|el día)\s/iu;
// The verb ends the line ("… wrote:", "… a écrit :") or is followed by the sender ("Am … schrieb
// Max <max@example.de>:", "Op … schreef …:", "Den … skrev …:").
const ATTRIBUTION_END =
  /(^|\s)(wrote|schrieb|a écrit|escribió|escribio|schreef|skrev|ha scritto|scrisse|escreveu|napisał|napsal|написал|kirjoitti|írta)(\s.*)?\s?:\s*$/iu;
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(original message|ursprüngliche nachricht|originalnachricht|message d'origine|mensaje original|oorspronkelijk bericht|messaggio originale|opprinnelig melding|ursprungligt meddelande|oprindelig meddelelse|mensagem original|alkuperäinen viesti)\s*-{2,}\s*$/iu;
// OWA's rule above its header block: underscores in text/plain, an <hr> (dashes once converted) in HTML.
const OWA_RULE = /^\s*(_{10,}|-{10,})\s*$/u;

// Header field names of Outlook's reply block, by language, each followed by ":" (French puts a
// space before it). Outlook bolds the names in its HTML, which turns into "*From:*" in some text parts.
const HEADER_FIELD = (names: string[]) => new RegExp(`^\\s*\\*?(${names.join("|")})\\s?:\\*?(\\s|$)`, "iu");
const FROM_FIELD = HEADER_FIELD(["from", "von", "de", "van", "da", "fra", "från", "lähettäjä", "od", "от"]);
const SENT_FIELD = HEADER_FIELD([
  "sent",
  "date",
  "gesendet",
  "datum",
  "envoyé",
  "date d'envoi",
  "enviado",
  "enviado el",
  "fecha",
  "verzonden",
  "inviato",
  "data",
  "sendt",
  "skickat",
  "lähetetty",
  "wysłano",
  "odesláno",
  "отправлено",
]);
const SUBJECT_FIELD = HEADER_FIELD([
  "subject",
  "betreff",
  "objet",
  "asunto",
  "onderwerp",
  "oggetto",
  "emne",
  "ämne",
  "aihe",
  "temat",
  "předmět",
  "assunto",
  "тема",
]);

export type CutOptions = {
  /**
   * The mail is a forward: Outlook's header block and "Original Message" line then introduce the
   * very content the sender meant to pass on, so they are not cut.
   */
  forwarded?: boolean;
};

/**
 * The new part of a reply's plain text: everything above the first quote marker, trailing blank
 * lines removed. When no marker is found, or cutting would leave nothing, returns the text as is
 * (trimmed at the end).
 */
export function cutQuotedText(text: string, options: CutOptions = {}): string {
  const lines = text.replace(/\r\n?/gu, "\n").split("\n");
  const cut = firstMarker(lines, options) ?? trailingQuoteStart(lines);
  const full = text.replace(/\r\n?/gu, "\n").trimEnd();
  if (cut === null) return full;
  const kept = lines.slice(0, cut).join("\n").trimEnd();
  return kept.trim() === "" ? full : kept;
}

function firstMarker(lines: string[], options: CutOptions): number | null {
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (isAttribution(lines, index)) return index;
    if (options.forwarded) continue;
    if (ORIGINAL_MESSAGE.test(line)) return index;
    if (FROM_FIELD.test(line) && isHeaderBlock(lines, index)) {
      const above = previousNonBlank(lines, index);
      return above !== null && OWA_RULE.test(lines[above]!) ? above : index;
    }
  }
  return null;
}

/** An attribution line, or one wrapped over up to three lines (Gmail wraps at 78 characters). */
function isAttribution(lines: string[], index: number): boolean {
  const first = lines[index]!.replace(/^>\s?/u, "").trim();
  if (!ATTRIBUTION_START.test(first)) return false;
  let joined = first;
  for (let next = index; next < Math.min(index + 3, lines.length); next++) {
    if (next > index) joined += ` ${lines[next]!.trim()}`;
    if (joined.length > 400) return false;
    // A real attribution names a date, so it has digits; a sentence that happens to end in
    // "wrote:" rarely does.
    if (ATTRIBUTION_END.test(joined)) return /\d/u.test(joined);
  }
  return false;
}

/** From: followed, within the next eight lines, by a date/sent field and a subject field. */
function isHeaderBlock(lines: string[], index: number): boolean {
  const block = lines.slice(index + 1, index + 9);
  return block.some((line) => SENT_FIELD.test(line)) && block.some((line) => SUBJECT_FIELD.test(line));
}

/** The first line of a `>`-quoted block that runs to the end of the text (blank lines allowed). */
function trailingQuoteStart(lines: string[]): number | null {
  let start: number | null = null;
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index]!;
    if (line.trim() === "") continue;
    if (!line.trimStart().startsWith(">")) break;
    start = index;
  }
  return start;
}

function previousNonBlank(lines: string[], index: number): number | null {
  for (let above = index - 1; above >= 0; above--) {
    if (lines[above]!.trim() !== "") return above;
  }
  return null;
}
