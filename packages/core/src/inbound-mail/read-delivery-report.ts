import type { HeaderValue, StructuredHeader } from "mailparser";

/** A failed delivery: the addresses that could not be reached and why, in the server's words. */
export type Bounce = { recipients: string[]; reason: string };

export type DeliveryReport = {
  /** The mail is a multipart/report (RFC 6522) of any kind. */
  isReport: boolean;
  /** Set when a delivery-status report has at least one recipient with `Action: failed`. */
  bounce: Bounce | null;
  /** The Message-ID(s) of the returned message, from its headers included in the report. */
  originalMessageIds: string[];
  /** The report's first part, written for people (RFC 6522 §3), when it is plain text; else null. */
  notice: string | null;
};

/**
 * The machine-readable parts of a report (RFC 6522 §3, RFC 3464 §2, RFC 6533), which are not
 * attachments for people.
 */
export const REPORT_PART_TYPES = new Set([
  "message/delivery-status",
  "message/global-delivery-status",
  "message/disposition-notification",
  "message/rfc822",
  "message/global",
  "text/rfc822-headers",
  "message/global-headers",
]);
// The parts that carry the returned message or its headers.
const RETURNED_MESSAGE_TYPES = new Set([
  "message/rfc822",
  "message/global",
  "text/rfc822-headers",
  "message/global-headers",
]);

/**
 * Reads a delivery status notification (RFC 3464, inside RFC 6522 `multipart/report;
 * report-type=delivery-status`): the per-recipient blocks of its `message/delivery-status` part
 * give the failed recipients (`Final-Recipient` with `Action: failed`, RFC 3464 §2.3) and the
 * reason (`Diagnostic-Code`, else `Status`); the returned message or its headers (third part)
 * give the original Message-ID, so the bounce finds the ticket it was about. The parts are read
 * from the raw message because mailparser merges them into the mail's text. A mail that is not a
 * report gives `isReport: false` and nothing else.
 */
export function readDeliveryReport(raw: Buffer, contentType: HeaderValue | undefined): DeliveryReport {
  const none: DeliveryReport = { isReport: false, bounce: null, originalMessageIds: [], notice: null };
  if (!isStructured(contentType) || contentType.value.toLowerCase() !== "multipart/report") return none;
  const reportType = (contentType.params["report-type"] ?? "").toLowerCase();
  const boundary = contentType.params["boundary"];
  if (!boundary) return { ...none, isReport: true };

  const originalMessageIds: string[] = [];
  const failed: string[] = [];
  const reasons: string[] = [];
  let notice: string | null = null;
  for (const [index, part] of mimeParts(raw.toString("utf8"), boundary).entries()) {
    const type = (part.headers.get("content-type") ?? "text/plain").split(";")[0]!.trim().toLowerCase();
    const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
    const body = encoding === "base64" ? Buffer.from(part.body, "base64").toString("utf8") : part.body;
    if (index === 0 && type === "text/plain" && encoding !== "quoted-printable") notice = body.trim() || null;
    if (type === "message/delivery-status" || type === "message/global-delivery-status") {
      // The first block is about the reporting server; the rest are one per recipient.
      for (const fields of fieldBlocks(body).slice(1)) {
        if ((fields.get("action") ?? "").toLowerCase() !== "failed") continue;
        const recipient = addressOf(fields.get("final-recipient") ?? fields.get("original-recipient"));
        if (recipient !== null) failed.push(recipient);
        const reason = textOf(fields.get("diagnostic-code")) ?? fields.get("status");
        if (reason) reasons.push(reason);
      }
    } else if (RETURNED_MESSAGE_TYPES.has(type)) {
      const id = fieldBlocks(body)[0]
        ?.get("message-id")
        ?.match(/<([^<>\s]+)>/u)?.[1];
      if (id) originalMessageIds.push(id);
    }
  }
  const bounce =
    reportType === "delivery-status" && failed.length > 0
      ? { recipients: [...new Set(failed)], reason: [...new Set(reasons)].join("; ") || "delivery failed" }
      : null;
  return { isReport: true, bounce, originalMessageIds, notice };
}

/** mailparser's shape of a header with parameters (Content-Type): `{ value, params }`. */
function isStructured(value: HeaderValue | undefined): value is StructuredHeader {
  return (
    typeof value === "object" &&
    value !== null &&
    "params" in value &&
    typeof value.value === "string" &&
    typeof value.params === "object"
  );
}

/** The parts of a multipart body (RFC 2046 §5.1.1), each as lower-case header map and raw body. */
function mimeParts(text: string, boundary: string): { headers: Map<string, string>; body: string }[] {
  const lines = text.replace(/\r\n?/gu, "\n").split("\n");
  const parts: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}--`) break;
    if (trimmed === `--${boundary}`) {
      current = [];
      parts.push(current);
      continue;
    }
    current?.push(line);
  }
  return parts.map((partLines) => {
    const blank = partLines.findIndex((line) => line.trim() === "");
    const headerLines = blank < 0 ? partLines : partLines.slice(0, blank);
    return {
      headers: fieldBlocks(headerLines.join("\n"))[0] ?? new Map<string, string>(),
      body: blank < 0 ? "" : partLines.slice(blank + 1).join("\n"),
    };
  });
}

/** Header-style blocks separated by blank lines, each as lower-case field name → unfolded value. */
function fieldBlocks(text: string): Map<string, string>[] {
  return text
    .replace(/\r\n?/gu, "\n")
    .split(/\n\s*\n/u)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.replace(/\n[ \t]+/gu, " ").split("\n")) {
        const colon = line.indexOf(":");
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim().toLowerCase();
        if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
      }
      return fields;
    })
    .filter((fields) => fields.size > 0);
}

/** "rfc822; Jane@Example.com" → "jane@example.com" (RFC 3464 §2.3.2 address-type; address). */
function addressOf(value: string | undefined): string | null {
  const address = textOf(value)?.replace(/^<|>$/gu, "").trim().toLowerCase();
  return address && address.includes("@") ? address : null;
}

/** The part after the type label ("smtp; 550 5.1.1 …" → "550 5.1.1 …"). */
function textOf(value: string | undefined): string | null {
  if (!value) return null;
  const semicolon = value.indexOf(";");
  return (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim() || null;
}
