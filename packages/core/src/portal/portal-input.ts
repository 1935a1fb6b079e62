// What the Customer Portal sends (its route handlers parse it at the edge). Filters of the ticket
// list fall back to their defaults on bad values; everything else is refused with its message.
import { MAX_TICKET_ATTACHMENTS, STORABLE_TEXT, TICKET_STATUSES, ZTicketAttachment } from "@helpline/protocol";
import { z } from "zod";
import { ticketText as text } from "../tickets/ticket-text.ts";

/** A ticket by the number the contact sees, from the URL. */
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
  attachments: z
    .array(ZTicketAttachment)
    .max(MAX_TICKET_ATTACHMENTS, `Attach at most ${MAX_TICKET_ATTACHMENTS} files.`)
    .default([]),
});
export type TPortalNewTicketInput = z.input<typeof ZPortalNewTicketInput>;

export const ZContactPreferencesInput = z.object({ emailOnReplies: z.boolean() });
export type TContactPreferencesInput = z.infer<typeof ZContactPreferencesInput>;

export const INVALID_PORTAL_CURSOR = "This page link is not valid. Start again from the first page.";

/** My tickets: status, search and view from the URL; `cursor` is an opaque keyset position. */
export const ZListPortalTicketsInput = z.object({
  status: z
    .enum(["all", ...TICKET_STATUSES])
    .catch("all")
    .default("all"),
  search: z.string().trim().max(200).regex(STORABLE_TEXT).catch("").default(""),
  // A main contact sees their own tickets or the whole customer's; others only ever their own.
  view: z.enum(["mine", "customer"]).catch("mine").default("mine"),
  // Unlike the filters above, a cursor that is not one of ours is refused, never read as page 1.
  cursor: z
    .string(INVALID_PORTAL_CURSOR)
    .max(200, INVALID_PORTAL_CURSOR)
    .regex(/^[A-Za-z0-9_-]*$/, INVALID_PORTAL_CURSOR)
    .optional(),
});
export type TListPortalTicketsInput = z.infer<typeof ZListPortalTicketsInput>;

/** Settings ▸ Portal (admins): the name and logo the Customer Portal shows. */
export const ZPortalBrandingInput = z.object({
  name: z.string().trim().min(1, "Enter the name your customers know you by.").max(80),
  // Only https (or a site-relative path): an http logo would be blocked on an https portal.
  logoUrl: z
    .string()
    .trim()
    .max(500)
    .regex(/^(|https:\/\/[^\s"'<>]+|\/[^\s"'<>]*)$/, "Use an https:// address (or leave it empty)."),
});
export type TPortalBrandingInput = z.infer<typeof ZPortalBrandingInput>;

/** "Email me a sign-in link": the address, lower-cased, and where to go after signing in. */
export const ZPortalSignInInput = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address.")),
  next: z.string().max(500).optional(),
});
export type TPortalSignInInput = z.infer<typeof ZPortalSignInInput>;
