import type { ParsedInboundMail } from "./parse-inbound-mail.ts";
import { findTestMailRecord } from "./test-mail-record.ts";

/**
 * Whether this is a test mail Helpline sent itself: its X-Helpline-Test-Mail token equals the one
 * recorded for its Message-ID (test-mail-record.ts). Such a mail is recorded as `test` and nothing
 * else. The header alone proves nothing (a stranger can write it, and a mail taken for a test is
 * dropped unseen), so a mail whose token does not match is ordinary mail.
 */
export async function isOurTestMail(parsed: ParsedInboundMail): Promise<boolean> {
  if (parsed.testMailToken === null || parsed.messageId === null) return false;
  const record = await findTestMailRecord(parsed.messageId);
  return record !== null && record.token === parsed.testMailToken;
}
