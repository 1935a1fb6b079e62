import { z } from "zod";
import { ZLocale } from "../languages/language-input.ts";
import { isTimeZone } from "../time/time-zone.ts";

/** An IANA time zone name, trimmed; anything else is a field error naming what is expected. */
export const ZTimeZone = z
  .string()
  .trim()
  .min(1, "Choose a time zone.")
  .max(64)
  .refine(isTimeZone, "Choose a time zone from the list, such as Europe/Paris.");

/**
 * Settings ▸ General: the MSP's time zone (the default calendar's, and the console's clock) and
 * language (the end users' last default, after their own and their customer's).
 */
export const ZGeneralSettingsInput = z.object({ timeZone: ZTimeZone, language: ZLocale });
export type TGeneralSettingsInput = z.infer<typeof ZGeneralSettingsInput>;
