import { z } from "zod";

export const ZSetMainContactInput = z.object({ contactId: z.uuid("Unknown contact."), isMainContact: z.boolean() });
export type TSetMainContactInput = z.infer<typeof ZSetMainContactInput>;
