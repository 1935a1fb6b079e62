import { MAX_TICKET_ATTACHMENTS, ZTicketAttachment } from "@helpline/protocol";
import { z } from "zod";
import { ticketText as text } from "../tickets/ticket-text.ts";

export const ZPortalTicketNumber = z.coerce.number().int().min(1).max(2_147_483_647);

export const ZPortalReplyInput = z.object({
  number: ZPortalTicketNumber,
  body: text(20_000, "The message").min(1, "Write a message first."),
});
export type TPortalReplyInput = z.infer<typeof ZPortalReplyInput>;

export const ZPortalStatusInput = z.object({ number: ZPortalTicketNumber, action: z.enum(["close", "reopen"]) });
export type TPortalStatusInput = z.infer<typeof ZPortalStatusInput>;

export const ZPortalNewTicketInput = z.object({
  title: text(200, "The title").min(1, "Give your ticket a title."),
  description: text(20_000, "The description").default(""),
  attachments: z.array(ZTicketAttachment).max(MAX_TICKET_ATTACHMENTS, `Attach at most ${MAX_TICKET_ATTACHMENTS} files.`).default([]),
});
export type TPortalNewTicketInput = z.input<typeof ZPortalNewTicketInput>;

export const ZContactPreferencesInput = z.object({ emailOnReplies: z.boolean() });
export type TContactPreferencesInput = z.infer<typeof ZContactPreferencesInput>;
