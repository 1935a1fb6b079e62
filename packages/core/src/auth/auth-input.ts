import { STORABLE_TEXT } from "@helpline/protocol";
import { z } from "zod";

/**
 * Console sign-in: email, password and the client's address (for the throttle and the audit line).
 * Sign-in checks credentials, it does not judge them: any string within bounds may be tried.
 */
export const ZSignInInput = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254).regex(STORABLE_TEXT),
  password: z.string().min(1).max(200),
  ip: z.string().max(100).regex(STORABLE_TEXT),
});
export type TSignInInput = z.infer<typeof ZSignInInput>;
