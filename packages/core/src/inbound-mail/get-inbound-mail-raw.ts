import { getPrisma } from "@helpline/db";
import type { TechnicianActor } from "../actor.ts";
import { DomainError } from "../errors.ts";
import type { TInboundMailRef } from "./inbound-mail-input.ts";

/**
 * The original of an inbound mail as it arrived (RFC 5322 bytes), for a technician to download as
 * `mail-<date>.eml` (message/rfc822). 404 `not_found` when there is no such mail or its original
 * was not kept (larger than INBOUND_MAIL_MAX_BYTES).
 */
export async function getInboundMailRaw(options: {
  actor: TechnicianActor;
  input: TInboundMailRef;
}): Promise<{ fileName: string; contentType: string; data: Uint8Array }> {
  const mail = await getPrisma().inboundMail.findUnique({
    where: { id: options.input.inboundMailId },
    select: { raw: true, receivedAt: true },
  });
  if (!mail?.raw) throw new DomainError("not_found", "The original of this mail was not kept.", 404);
  const stamp = mail.receivedAt.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return { fileName: `mail-${stamp}.eml`, contentType: "message/rfc822", data: mail.raw };
}
