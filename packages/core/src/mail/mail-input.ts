import { z } from "zod";

/** Settings ▸ Outbox: `page` counts from 1; `messageId` opens one message's bodies. */
export const ZListOutboxInput = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  messageId: z.uuid().optional(),
});
export type TListOutboxInput = z.infer<typeof ZListOutboxInput>;
