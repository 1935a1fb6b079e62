import { getPrisma } from "@helpline/db";
import { requireAdmin, type TechnicianActor } from "../actor.ts";
import { DomainError } from "../errors.ts";
import type { TTestMailResultInput } from "./email-settings-input.ts";
import { findTestMailRecord } from "./test-mail-record.ts";

/** How long Settings ▸ Email waits for its test mail before saying it did not come back. */
export const TEST_MAIL_WAIT_MS = 2 * 60_000;

export type TestMailResult =
  | { state: "waiting"; elapsedMs: number }
  | { state: "timed_out"; elapsedMs: number }
  | {
      state: "received";
      /** From the send to the ingest service storing it, in milliseconds. */
      delayMs: number;
      /** `test` when Helpline recognised its own test mail; anything else says the ingest took it for other mail. */
      outcome: string;
      via: string;
      reason: string | null;
    };

/**
 * Where the test mail `sendTestMail` sent (by its Message-ID, no `<>`) has got to (admins): the
 * inbound mail log holds it once the ingest service stored it (found by its dedupe key, which is
 * the Message-ID), then `received` with the delay; before that `waiting`, and `timed_out` after 2
 * minutes. `now` is the clock (tests move it). Throws DomainError 404 for a Message-ID of no test
 * mail Helpline sent (or one sent more than a day ago).
 */
export async function getTestMailResult(options: {
  actor: TechnicianActor;
  input: TTestMailResultInput;
  now?: Date;
}): Promise<TestMailResult> {
  requireAdmin(options.actor);
  const { messageId } = options.input;
  const record = await findTestMailRecord(messageId);
  if (!record) throw new DomainError("test_mail_unknown", "Helpline sent no test mail with this Message-ID.", 404);
  const stored = await getPrisma().inboundMail.findUnique({
    where: { dedupeKey: messageId },
    select: { receivedAt: true, outcome: true, via: true, reason: true },
  });
  if (stored) {
    return {
      state: "received",
      delayMs: Math.max(0, stored.receivedAt.getTime() - record.sentAt.getTime()),
      outcome: stored.outcome,
      via: stored.via,
      reason: stored.reason,
    };
  }
  const elapsedMs = Math.max(0, (options.now ?? new Date()).getTime() - record.sentAt.getTime());
  return { state: elapsedMs > TEST_MAIL_WAIT_MS ? "timed_out" : "waiting", elapsedMs };
}
