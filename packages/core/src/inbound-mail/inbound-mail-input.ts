import { z } from "zod";

/** Settings ▸ Email ▸ Ignored mail: `page` counts from 1. */
export const ZListIgnoredMailInput = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type TListIgnoredMailInput = z.infer<typeof ZListIgnoredMailInput>;

/** One stored inbound mail, by its id (Make a ticket, Download the original). */
export const ZInboundMailRef = z.object({
  inboundMailId: z.uuid("Choose a mail from the list."),
});
export type TInboundMailRef = z.infer<typeof ZInboundMailRef>;
