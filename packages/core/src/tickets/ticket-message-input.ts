import { STORABLE_TEXT } from "@helpline/protocol";
import { z } from "zod";

export const MAX_TICKET_MESSAGE_CHARS = 20_000;

/** A reply or an internal note written in the console. */
export const ZTicketMessageInput = z.object({
  ticketId: z.uuid("Unknown ticket."),
  body: z
    .string()
    .trim()
    .min(1, "Write a message first.")
    .max(MAX_TICKET_MESSAGE_CHARS, `Use at most ${MAX_TICKET_MESSAGE_CHARS.toLocaleString("en")} characters.`)
    .regex(STORABLE_TEXT, "Use printable characters."),
});
export type TTicketMessageInput = z.infer<typeof ZTicketMessageInput>;
