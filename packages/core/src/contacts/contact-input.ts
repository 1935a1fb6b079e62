import { STORABLE_TEXT } from "@helpline/protocol";
import { z } from "zod";
import { ZPageInput } from "../paging/page-cursor.ts";

/** Customer page ▸ Contacts: make a contact the customer's main contact, or not (an unknown id is refused with "Unknown contact."). */
export const ZSetMainContactInput = z.object({ contactId: z.uuid("Unknown contact."), isMainContact: z.boolean() });
export type TSetMainContactInput = z.infer<typeof ZSetMainContactInput>;

export const ZContactRef = z.object({ contactId: z.uuid("Unknown contact.") });
export type TContactRef = z.infer<typeof ZContactRef>;

/** REST API ▸ contacts: a page by full name (then id), of one customer or all, `search` a part of the name or address. */
export const ZPageContactsInput = ZPageInput.extend({
  customerId: z.uuid().optional(),
  search: z.string().trim().max(120).regex(STORABLE_TEXT).default(""),
});
export type TPageContactsInput = z.infer<typeof ZPageContactsInput>;
