import { STORABLE_TEXT } from "@helpline/protocol";
import { z } from "zod";
import { ZPageInput } from "../paging/page-cursor.ts";

const ZCustomerName = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(120, "Use at most 120 characters.")
  .regex(STORABLE_TEXT, "Use printable characters.");

export const ZCreateCustomerInput = z.object({ name: ZCustomerName });
export type TCreateCustomerInput = z.infer<typeof ZCreateCustomerInput>;

export const ZCustomerRef = z.object({ customerId: z.uuid("Unknown customer.") });
export type TCustomerRef = z.infer<typeof ZCustomerRef>;

export const ZListCustomersInput = z.object({ search: z.string().trim().max(120).regex(STORABLE_TEXT).default("") });
export type TListCustomersInput = z.infer<typeof ZListCustomersInput>;

/** REST API ▸ customers: a page by name (then id), `search` a part of the name, any case. */
export const ZPageCustomersInput = ZPageInput.extend({
  search: z.string().trim().max(120).regex(STORABLE_TEXT).default(""),
});
export type TPageCustomersInput = z.infer<typeof ZPageCustomersInput>;
