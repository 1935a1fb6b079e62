import { getPrisma } from "@helpline/db";
import { findEarlierMail, inboundMailRow, isUniqueViolation } from "./inbound-mail-row.ts";
import type { IngestResult, IngestVia } from "./ingest-mail.ts";
import type { ParsedInboundMail } from "./parse-inbound-mail.ts";

/** Records a mail that could not be filed, once; a second delivery of it is a `duplicate`. */
export async function recordFailedMail(options: {
  raw: Buffer;
  via: IngestVia;
  now: Date;
  parsed: ParsedInboundMail | null;
  reason: string;
}): Promise<IngestResult> {
  const data = { ...inboundMailRow(options), outcome: "failed", reason: options.reason };
  try {
    const row = await getPrisma().inboundMail.create({ data, select: { id: true } });
    return { outcome: "failed", inboundMailId: row.id, ticketNumber: null, reason: options.reason };
  } catch (error) {
    const stored = isUniqueViolation(error) ? await findEarlierMail(data.dedupeKey) : null;
    if (stored) return stored;
    throw error;
  }
}
