import { STORABLE_TEXT } from "@helpline/protocol";
import { z } from "zod";
import { ZApiScope } from "./api-scopes.ts";

/**
 * Settings ▸ API keys ▸ Create API key (and the same through the API): a name people tell keys
 * apart by, the technician the key acts as, its scopes, and optionally the last day it works.
 * `expiresOn` is a day ("YYYY-MM-DD") in the MSP's time zone (Settings ▸ General): the key works
 * until that day ends there. Whether the day is still ahead needs the zone, so createApiKey checks
 * it (`expiresOn` field error).
 */
export const ZCreateApiKeyInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter a name.")
    .max(80, "Use at most 80 characters.")
    .regex(STORABLE_TEXT, "Use printable characters."),
  technicianId: z.uuid("Choose the technician the key acts as."),
  scopes: z
    .array(ZApiScope, "Choose at least one scope.")
    .min(1, "Choose at least one scope.")
    .refine((scopes) => new Set(scopes).size === scopes.length, "Choose each scope once."),
  expiresOn: z.iso.date("Enter a date as YYYY-MM-DD.").optional(),
});
export type TCreateApiKeyInput = z.infer<typeof ZCreateApiKeyInput>;

export const ZRevokeApiKeyInput = z.object({ id: z.uuid("Unknown API key.") });
export type TRevokeApiKeyInput = z.infer<typeof ZRevokeApiKeyInput>;
