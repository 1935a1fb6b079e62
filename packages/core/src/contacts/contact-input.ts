import { z } from "zod";

/** Customer page ▸ Contacts: make a contact the customer's main contact, or not (an unknown id is refused with "Unknown contact."). */
export const ZSetMainContactInput = z.object({ contactId: z.uuid("Unknown contact."), isMainContact: z.boolean() });
export type TSetMainContactInput = z.infer<typeof ZSetMainContactInput>;
