/**
 * What a transport hands each raw message to: `ingestMail` (ingest-mail.ts) in production. It
 * stores the message exactly once (by Message-ID, else a hash), so a transport may hand the same
 * message over again after a crash or a lost connection; it resolves with the outcome ("failed"
 * with a reason for a message it cannot take) and rejects only when the message could not be
 * stored (the database is unreachable), and then the transport must keep the message to retry.
 */
export type IngestRawMail = (input: {
  raw: Buffer;
  via: "imap" | "smtp";
}) => Promise<{ outcome: string; reason: string | null }>;
