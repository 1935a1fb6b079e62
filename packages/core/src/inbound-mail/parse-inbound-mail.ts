import { createHash } from "node:crypto";
import { convert, type HtmlToTextOptions } from "html-to-text";
import { simpleParser, type AddressObject, type Attachment, type HeaderValue, type ParsedMail } from "mailparser";
import { config } from "../config/config.ts";
import { DomainError } from "../errors.ts";
import { LOOP_HEADER, mailDomain } from "../mail/mail-identity.ts";
import { cutQuotedText } from "./cut-quoted-text.ts";
import { detectAutomaticMail } from "./detect-automatic-mail.ts";
import { readDeliveryReport, REPORT_PART_TYPES, type Bounce } from "./read-delivery-report.ts";
import { stripSubjectPrefixes } from "./strip-subject-prefixes.ts";

/** A mailbox from an address header: address lower-cased and trimmed (`+tags` kept), name or null. */
export type InboundMailAddress = { name: string | null; address: string };

export type InboundMailAttachment = {
  /** A safe file name (no path, no control characters), "attachment" when the mail gave none. */
  name: string;
  contentType: string;
  data: Buffer;
  /** The Content-ID without its angle brackets, as `cid:` URLs in the HTML name it. */
  contentId: string | null;
  /** An image the HTML shows in place (referenced by `cid:`), rather than a file to download. */
  inline: boolean;
};

/** What Helpline needs of one inbound message; see `parseInboundMail`. */
export type ParsedInboundMail = {
  /** The Message-ID without angle brackets, or null when the mail has none. */
  messageId: string | null;
  /**
   * The key a mail is stored once by: its Message-ID, else (none, or one longer than 255
   * characters, too long to index) "sha256:<hex of the raw bytes>".
   */
  dedupeKey: string;
  /** The Message-IDs (no angle brackets) of In-Reply-To, in header order. */
  inReplyTo: string[];
  /** References' ids, plus the bounced message's own id when this is a delivery report. */
  references: string[];
  from: InboundMailAddress | null;
  to: InboundMailAddress[];
  cc: InboundMailAddress[];
  /** The decoded subject as sent ("" when none). */
  subject: string;
  /** The subject without reply/forward prefixes and the `[#N]` tag; never empty. */
  title: string;
  /** N of the subject's `[#N]` tag, or null. */
  tagNumber: number | null;
  /** The Date header, or null when missing or unreadable. */
  sentAt: Date | null;
  /** The new part of the mail: the full text with the quoted earlier mail cut off. */
  text: string;
  /** The whole text of the mail (text/plain, else its HTML as text). */
  fullText: string;
  /** Set when the mail was sent by a program (never to be answered), with the reason for people. */
  automatic: { reason: string } | null;
  /** Set for an RFC 3464 delivery report saying a delivery failed. */
  bounce: Bounce | null;
  attachments: InboundMailAttachment[];
  /** Sentences for technicians about parts that were not kept. */
  notes: string[];
  /** The value of Helpline's test-mail header (Settings ▸ Email ▸ Send a test mail). */
  testMailToken: string | null;
};

export type ParseInboundMailOptions = {
  /** Larger messages are refused; default `config().inbound.maxBytes` (INBOUND_MAIL_MAX_BYTES). */
  maxBytes?: number;
  /** This Helpline's mail domain, to recognise its own Message-IDs; default `mailDomain()`. */
  domain?: string;
};

// Real Message-IDs are well under 100 characters; a longer one is a broken or hostile mailer's.
const MAX_DEDUPE_ID_LENGTH = 255;

/** The header Helpline's "Send a test mail" puts on its test message, carrying a token. */
export const TEST_MAIL_HEADER = "X-Helpline-Test-Mail";

/**
 * Reads one raw RFC 5322 message (as received by IMAP or SMTP, CRLF or LF) into what the ingest
 * needs: ids for threading and dedupe, decoded addresses and subject, the text with quotes cut,
 * whether it is automatic or a bounce, and its attachments. Pure: no database, no network.
 *
 * Errors: a message larger than `maxBytes` is refused with DomainError `mail_too_large` (413).
 * Anything else malformed is read as far as it goes (a missing From gives `from: null`, a broken
 * Date gives `sentAt: null`), because a half-readable mail is still a customer talking.
 */
export async function parseInboundMail(raw: Buffer, options: ParseInboundMailOptions = {}): Promise<ParsedInboundMail> {
  const maxBytes = options.maxBytes ?? config().inbound.maxBytes;
  if (raw.length > maxBytes) {
    throw new DomainError(
      "mail_too_large",
      `The mail is ${raw.length} bytes, more than the ${maxBytes} bytes allowed (INBOUND_MAIL_MAX_BYTES).`,
      413,
    );
  }
  const domain = (options.domain ?? mailDomain()).toLowerCase();
  const parsed = await simpleParser(raw, {
    // The HTML is turned into text here (with our options) and quotes are cut on the HTML's
    // structure, so mailparser's own conversions are skipped; cid: links stay to tell inline images.
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
    skipTextLinks: true,
    keepCidLinks: true,
  });

  const messageId = firstId(parsed.messageId);
  const subject = (parsed.subject ?? "").trim();
  const { title, tagNumber, forwarded } = stripSubjectPrefixes(subject);
  const from = addresses(parsed.from)[0] ?? null;
  const headers = parsed.headers;
  const report = readDeliveryReport(raw, headers.get("content-type"));
  const html = typeof parsed.html === "string" ? parsed.html : null;
  const body = bodyText(parsed.text ?? null, html, forwarded);
  // mailparser runs all of a report's text parts together; people need its notice only.
  const text = report.notice ?? body.text;
  const fullText = body.fullText;

  const notes: string[] = [];
  const attachments: InboundMailAttachment[] = [];
  for (const attachment of parsed.attachments) {
    if (report.isReport && REPORT_PART_TYPES.has(attachment.contentType.toLowerCase())) continue;
    if (isTnef(attachment)) {
      notes.push("A winmail.dat attachment from Outlook (TNEF) could not be read and was not kept.");
      continue;
    }
    attachments.push(attachmentOf(attachment, html));
  }

  return {
    messageId,
    dedupeKey:
      messageId !== null && messageId.length <= MAX_DEDUPE_ID_LENGTH
        ? messageId
        : `sha256:${createHash("sha256").update(raw).digest("hex")}`,
    inReplyTo: ids(headers.get("in-reply-to")),
    references: unique([...ids(headers.get("references")), ...report.originalMessageIds]),
    from,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject,
    title,
    tagNumber,
    sentAt: dateOf(rawHeader(parsed, "date")),
    text,
    fullText,
    automatic: detectAutomaticMail({
      header: (name) => rawHeader(parsed, name),
      fromAddress: from?.address ?? null,
      messageId,
      domain,
      isReport: report.isReport,
      loopHeader: LOOP_HEADER,
    }),
    bounce: report.bounce,
    attachments,
    notes,
    testMailToken: rawHeader(parsed, TEST_MAIL_HEADER),
  };
}

const HTML_TO_TEXT: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    { selector: "img", format: "skip" },
    { selector: "script", format: "skip" },
    { selector: "style", format: "skip" },
    { selector: "head", format: "skip" },
    { selector: "a", options: { hideLinkHrefIfSameAsText: true, linkBrackets: ["<", ">"] } },
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "h3", options: { uppercase: false } },
    { selector: "h4", options: { uppercase: false } },
    { selector: "h5", options: { uppercase: false } },
    { selector: "h6", options: { uppercase: false } },
    { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
  ],
};

// The quote containers of Gmail (`gmail_quote`, newer `gmail_quote_container`), Apple Mail and
// Thunderbird (`blockquote type="cite"`, Thunderbird's attribution `moz-cite-prefix`) and Yahoo.
const HTML_QUOTES = [
  ".gmail_quote_container",
  ".gmail_quote",
  ".gmail_attr",
  "blockquote[type=cite]",
  ".moz-cite-prefix",
  ".yahoo_quoted",
];
const HTML_TO_TEXT_CUT: HtmlToTextOptions = {
  ...HTML_TO_TEXT,
  selectors: [...HTML_TO_TEXT.selectors!, ...HTML_QUOTES.map((selector) => ({ selector, format: "skip" }))],
};

/**
 * The full text (text/plain when the mail has it, else the HTML as text) and the new part. In an
 * HTML-only mail the quote containers are dropped first, then the text markers are cut; a forward
 * keeps its quoted content (it is what was passed on).
 */
function bodyText(plain: string | null, html: string | null, forwarded: boolean): { text: string; fullText: string } {
  if (plain !== null && plain.trim() !== "") {
    const fullText = normalise(plain);
    return { fullText, text: cutQuotedText(fullText, { forwarded }) };
  }
  if (html === null) return { fullText: "", text: "" };
  const fullText = normalise(convert(html, HTML_TO_TEXT));
  const withoutQuotes = forwarded ? fullText : normalise(convert(html, HTML_TO_TEXT_CUT));
  const text = cutQuotedText(withoutQuotes, { forwarded });
  return { fullText, text: text.trim() === "" ? fullText : text };
}

/** Line ends as LF, no trailing spaces (format=flowed leaves them), at most two blank lines, trimmed. */
function normalise(text: string): string {
  return text
    .replace(/\r\n?/gu, "\n")
    .replace(/[ \t]+\n/gu, "\n")
    .replace(/\n{4,}/gu, "\n\n\n")
    .replace(/^\n+/u, "")
    .trimEnd();
}

function isTnef(attachment: Attachment): boolean {
  const type = attachment.contentType.toLowerCase();
  return (
    type === "application/ms-tnef" ||
    type === "application/vnd.ms-tnef" ||
    (attachment.filename ?? "").trim().toLowerCase() === "winmail.dat"
  );
}

function attachmentOf(attachment: Attachment, html: string | null): InboundMailAttachment {
  const contentId = attachment.contentId ? attachment.contentId.replace(/^<|>$/gu, "").trim() || null : null;
  const inline =
    contentId !== null &&
    attachment.contentDisposition !== "attachment" &&
    html !== null &&
    html.toLowerCase().includes(`cid:${contentId.toLowerCase()}`);
  return {
    name: safeFileName(attachment.filename),
    contentType: attachment.contentType.toLowerCase(),
    data: attachment.content,
    contentId,
    inline,
  };
}

/**
 * A file name safe to store and offer for download: the last path segment only (a name like
 * "..\\..\\boot.ini" comes from hostile or broken mailers), without control characters or characters
 * Windows refuses, without bidirectional controls (they disguise an extension), without leading
 * dots, at most 200 characters (the extension kept).
 */
export function safeFileName(name: string | undefined): string {
  const lastSegment = (name ?? "").split(/[\\/]/u).pop() ?? "";
  const cleaned = lastSegment
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/gu, "_")
    // Bidirectional controls make "invoice\u202Efdp.exe" show as "invoiceexe.pdf".
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, "")
    .replace(/^[.\s]+/u, "")
    .trim();
  if (cleaned === "") return "attachment";
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, 200 - extension.length) + extension;
}

function addresses(header: AddressObject | AddressObject[] | undefined): InboundMailAddress[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const result: InboundMailAddress[] = [];
  for (const object of objects) {
    for (const entry of object.value) {
      // RFC 5322 groups ("Team: a@x, b@y;") list their members.
      for (const mailbox of entry.group ?? [entry]) {
        const address = (mailbox.address ?? "").trim().toLowerCase();
        if (address === "") continue;
        result.push({ address, name: mailbox.name.trim() || null });
      }
    }
  }
  return result;
}

/**
 * The Date header (RFC 5322 §3.3) as an instant, or null when missing or unreadable (mailparser
 * puts the current time there instead, which would be a lie on the ticket). Comments such as
 * "(UTC)" are dropped first.
 */
function dateOf(value: string | null): Date | null {
  if (value === null) return null;
  const time = Date.parse(value.replace(/\([^)]*\)/gu, " ").trim());
  return Number.isNaN(time) ? null : new Date(time);
}

/** Message-IDs in a header value, without angle brackets (RFC 5322 §3.6.4 msg-id). */
function ids(value: HeaderValue | undefined): string[] {
  const text = Array.isArray(value) ? value.join(" ") : headerText(value);
  if (text === null) return [];
  const bracketed = [...text.matchAll(/<([^<>\s]+)>/gu)].map((match) => match[1]!);
  return unique(bracketed.length > 0 ? bracketed : text.split(/[\s,]+/u).filter((id) => id.includes("@")));
}

function firstId(value: string | undefined): string | null {
  return value === undefined ? null : (ids(value)[0] ?? null);
}

/**
 * A header's first value as written (unfolded, trimmed), or null when absent or empty. Read from
 * the raw lines because mailparser folds some headers into objects (List-* into `list`).
 */
function rawHeader(parsed: ParsedMail, name: string): string | null {
  const key = name.toLowerCase();
  const line = parsed.headerLines.find((header) => header.key === key)?.line;
  if (line === undefined) return null;
  return (
    line
      .slice(line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/gu, " ")
      .trim() || null
  );
}

/** A header's value as one string (the first one when repeated), or null when absent or empty. */
function headerText(value: HeaderValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value.trim() || null;
  if (Array.isArray(value)) return headerText(value[0] as HeaderValue | undefined);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && "value" in value && typeof value.value === "string")
    return value.value.trim() || null;
  if (typeof value === "object" && "text" in value && typeof value.text === "string") return value.text.trim() || null;
  return null;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
