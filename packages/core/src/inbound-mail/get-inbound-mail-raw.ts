import { getPrisma } from "@helpline/db";
import { z } from "zod";

/** Download original: an inbound mail by its id, from the URL. */
export const ZInboundMailRef = z.object({ inboundMailId: z.uuid("Unknown mail.") });
export type TInboundMailRef = z.infer<typeof ZInboundMailRef>;

/**
 * The raw message of an inbound mail as it arrived (RFC 5322 bytes, for a `.eml` download by
 * technicians), with a file name made of the ticket number or the mail's id. null when there is no
 * such mail or its raw message was not kept (over INBOUND_MAIL_MAX_BYTES, or purged with ignored
 * mail after 30 days).
 */
export async function getInboundMailRaw(options: { input: TInboundMailRef }) {
  const mail = await getPrisma().inboundMail.findUnique({
    where: { id: options.input.inboundMailId },
    select: { id: true, raw: true, ticket: { select: { number: true } } },
  });
  if (!mail?.raw) return null;
  const fileName = mail.ticket ? `ticket-${mail.ticket.number}-mail-${mail.id.slice(0, 8)}.eml` : `mail-${mail.id}.eml`;
  return { raw: mail.raw, fileName };
}
