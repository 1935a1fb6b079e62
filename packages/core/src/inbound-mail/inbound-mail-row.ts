import { createHash } from "node:crypto";
import { getPrisma, Prisma } from "@helpline/db";
import { config } from "../config/config.ts";
import type { IngestResult, IngestVia } from "./ingest-mail.ts";
import type { ParsedInboundMail } from "./parse-inbound-mail.ts";

/**
 * The InboundMail row of one raw message, without its outcome: `dedupeKey` is the parsed
 * Message-ID key, or a SHA-256 of the raw bytes when the mail could not be parsed; the raw bytes
 * are kept only up to `config().inbound.maxBytes` (a larger mail is recorded unread).
 */
export function inboundMailRow(options: { raw: Buffer; via: IngestVia; now: Date; parsed: ParsedInboundMail | null }) {
  const { raw, parsed } = options;
  const keepRaw = raw.byteLength <= config().inbound.maxBytes;
  return {
    dedupeKey: parsed?.dedupeKey ?? hashKey(raw),
    messageId: parsed?.messageId ?? null,
    via: options.via,
    fromAddress: parsed?.from?.address.trim().toLowerCase() ?? "",
    fromName: parsed?.from?.name ?? null,
    subject: parsed?.subject ?? "",
    sentAt: parsed?.sentAt ?? null,
    receivedAt: options.now,
    automatic: parsed ? parsed.automatic !== null || parsed.bounce !== null : false,
    raw: keepRaw ? new Uint8Array(raw) : null,
    rawSize: raw.byteLength,
    fullText: parsed?.fullText ?? null,
  };
}

function hashKey(raw: Buffer): string {
  return `sha256:${createHash("sha256").update(raw).digest("hex")}`;
}

/** The message stored before under `dedupeKey`, as the `duplicate` result naming it; null when none. */
export async function findEarlierMail(dedupeKey: string): Promise<IngestResult | null> {
  const row = await getPrisma().inboundMail.findUnique({
    where: { dedupeKey },
    select: { id: true, reason: true, ticket: { select: { number: true } } },
  });
  if (!row) return null;
  return { outcome: "duplicate", inboundMailId: row.id, ticketNumber: row.ticket?.number ?? null, reason: row.reason };
}

/** P2002: the unique `dedupeKey` (the exactly-once guard) was taken by another delivery of the mail. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
